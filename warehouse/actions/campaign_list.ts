import { RFM_SEGMENTS } from '../../schemas/vocabulary.js';
import { ACTIONS, CHURN_SOURCES, RISK_BANDS, VALUE_SOURCES } from '../../schemas/vocabulary.js';
import { defineTable } from '../spec/types.js';
import { customerId, toCustomer } from './helpers/columns.js';

/** The campaign list. */
export const campaignList = defineTable({
  name: 'campaign_list',
  description:
    'Every customer of customer_rfm with the action of campaign_rule, churn probability, expected 90-day value and the revenue at stake ' +
    '(expected_value x churn_probability). expected_value is customer_lifetime_value.clv_90d (BG/NBD x Gamma-Gamma) when that table exists, ' +
    'otherwise the proxy "net spend of the last 365 days x 90/365"; churn_probability is churn_prediction.probability when that table exists, ' +
    'otherwise the out-of-time churn rate of customers with the same recency and frequency band 90 days earlier. value_source and churn_source say which. ' +
    'Sorted by action, then revenue at stake, highest first.',
  grain: 'One known customer with a purchase.',
  layer: 'action',
  sql: 'actions/campaign_list.sql',
  publish: true,
  excelSheet: 'Campaign list',
  primaryKey: ['customer_id'],
  foreignKeys: [toCustomer, { columns: ['segment', 'risk_band'], references: { table: 'campaign_rule', columns: ['segment', 'risk_band'] } }],
  columns: [
    customerId,
    { name: 'country', type: 'VARCHAR', description: 'Home country (dim_customer).' },
    { name: 'segment', type: 'VARCHAR', description: 'RFM segment.', accepted: RFM_SEGMENTS },
    { name: 'persona', type: 'VARCHAR', description: 'K-Means persona (customer_segment); null when that table is absent.', nullable: true },
    { name: 'churn_probability', type: 'DOUBLE', description: 'Probability of no purchase in the next 90 days.', format: 'percent' },
    { name: 'risk_band', type: 'VARCHAR', description: 'High, Medium or Low churn risk.', accepted: RISK_BANDS },
    { name: 'expected_value', type: 'DECIMAL(18,3)', description: 'Expected net spend in the next 90 days (source in value_source).', format: 'money' },
    { name: 'revenue_at_stake', type: 'DECIMAL(18,3)', description: 'expected_value x churn_probability.', format: 'money' },
    { name: 'last_purchase_at', type: 'TIMESTAMP', description: 'Last purchase.', format: 'datetime' },
    { name: 'recency_days', type: 'INTEGER', description: 'Days since the last purchase (customer_rfm).', format: 'integer' },
    { name: 'action', type: 'VARCHAR', description: 'Action from campaign_rule.', accepted: ACTIONS },
    { name: 'suggested_products', type: 'VARCHAR', description: 'Top 3 of customer_recommendation as "description (stock code)", separated by "; ".', nullable: true },
    { name: 'churn_source', type: 'VARCHAR', description: 'Where churn_probability comes from.', accepted: CHURN_SOURCES },
    { name: 'value_source', type: 'VARCHAR', description: 'Where expected_value comes from.', accepted: VALUE_SOURCES },
  ],
  tests: [
    {
      name: 'campaign_list_has_every_customer',
      description: 'One row per customer of customer_rfm.',
      sql: `select * from (select (select count(*) from campaign_list) as listed, (select count(*) from customer_rfm) as customers) where listed <> customers`,
    },
    {
      name: 'campaign_list_probability_in_range',
      description: 'Churn probability within 0..1 and revenue at stake within 0..expected value.',
      sql: `select customer_id, churn_probability, expected_value, revenue_at_stake from campaign_list
            where churn_probability < 0 or churn_probability > 1 or revenue_at_stake < 0 or revenue_at_stake > expected_value + 0.001`,
    },
  ],
});
