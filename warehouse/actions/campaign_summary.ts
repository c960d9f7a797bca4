import { ACTIONS, CHURN_SOURCES, VALUE_SOURCES } from '../../schemas/vocabulary.js';
import { defineTable } from '../spec/types.js';

/** Customers and value per action. */
export const campaignSummary = defineTable({
  name: 'campaign_summary',
  description:
    'Customers, expected value and revenue at stake per action of campaign_list (every action listed, 0 when none). The source columns say which model or ' +
    'stated proxy the figures rest on (see campaign_list).',
  grain: 'One action.',
  layer: 'action',
  sql: 'actions/campaign_list.sql',
  publish: true,
  excelSheet: 'Campaign summary',
  primaryKey: ['action'],
  columns: [
    { name: 'action', type: 'VARCHAR', description: 'Action.', accepted: ACTIONS },
    { name: 'action_order', type: 'INTEGER', description: 'Display order of the actions.', format: 'integer' },
    { name: 'customers', type: 'INTEGER', description: 'Customers with this action.', format: 'integer' },
    { name: 'expected_value', type: 'DECIMAL(18,3)', description: 'Sum of their expected 90-day value.', format: 'money' },
    { name: 'revenue_at_stake', type: 'DECIMAL(18,3)', description: 'Sum of their revenue at stake.', format: 'money' },
    { name: 'mean_churn_probability', type: 'DOUBLE', description: 'Mean churn probability; null without customers.', format: 'percent', nullable: true },
    { name: 'churn_source', type: 'VARCHAR', description: 'Where the churn probabilities come from.', accepted: CHURN_SOURCES },
    { name: 'value_source', type: 'VARCHAR', description: 'Where the expected values come from.', accepted: VALUE_SOURCES },
  ],
  tests: [
    {
      name: 'campaign_summary_reconciles_with_list',
      description: 'Customers and revenue at stake add up to campaign_list.',
      sql: `select * from (
              select (select sum(customers) from campaign_summary) as customers, (select count(*) from campaign_list) as listed,
                     (select sum(revenue_at_stake) from campaign_summary) as at_stake, (select sum(revenue_at_stake) from campaign_list) as list_at_stake)
            where customers <> listed or at_stake is distinct from list_at_stake`,
    },
  ],
});
