import { RFM_SEGMENTS } from '../../analytics/rfm.js';
import { ACTIONS, CHURN_SOURCES, RISK_BANDS, VALUE_SOURCES } from '../../analytics/actions/campaign-rules.js';
import { FORECAST_METHODS, SERIES_TYPES } from '../../analytics/actions/forecast-methods.js';
import { defineTable, type ColumnSpec } from './types.js';

/*
 * What the business does with the models: campaign lists per customer, product recommendations from
 * market-basket analysis and weekly demand forecasts. Built by activities/model/actions.ts at the end
 * of the model step.
 */

/** The lines every action table reads, stated once so the descriptions agree. */
const BASKET_LINES =
  'Basket lines are sale lines (positive quantity, not cancellations, adjustments or stock corrections) of products (no service codes), ' +
  'not exact duplicates and not fully cancelled (net_quantity > 0); guest invoices count as baskets for the rules.';

const RECOMMENDATION_METHODS = ['association_rules', 'most_popular'] as const;
const REASON_KINDS = ['association', 'popular'] as const;

const customerId: ColumnSpec = { name: 'customer_id', type: 'BIGINT', description: 'Customer number.' };
const toCustomer = { columns: ['customer_id'], references: { table: 'dim_customer', columns: ['customer_id'] } } as const;
const toProduct = (column: string) => ({ columns: [column], references: { table: 'dim_product', columns: ['stock_code'] } }) as const;

/** The decision table of the campaigns. */
export const campaignRule = defineTable({
  name: 'campaign_rule',
  description:
    'Which action each customer gets, by RFM segment (customer_rfm) and churn risk band (churn_prediction: High >= 0.7, Medium >= 0.4, else Low). ' +
    'Rules key on the RFM segment because it is a fixed vocabulary; the K-Means persona is shown beside it in campaign_list but its names depend on the data. ' +
    'Declared in analytics/actions/campaign-rules.ts.',
  grain: 'One RFM segment and churn risk band.',
  layer: 'model',
  publish: true,
  excelSheet: 'Campaign rules',
  primaryKey: ['segment', 'risk_band'],
  columns: [
    { name: 'segment', type: 'VARCHAR', description: 'RFM segment.', accepted: RFM_SEGMENTS },
    { name: 'risk_band', type: 'VARCHAR', description: 'Churn risk band.', accepted: RISK_BANDS },
    { name: 'action', type: 'VARCHAR', description: 'What to do with these customers.', accepted: ACTIONS },
    { name: 'rationale', type: 'VARCHAR', description: 'Why, in one sentence.' },
  ],
  tests: [
    {
      name: 'campaign_rule_covers_every_cell',
      description: 'Every segment has a rule for every risk band.',
      sql: `select * from (select count(*) as rules from campaign_rule) where rules <> ${RFM_SEGMENTS.length * RISK_BANDS.length}`,
    },
  ],
});

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
  layer: 'model',
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

/** Customers and value per action. */
export const campaignSummary = defineTable({
  name: 'campaign_summary',
  description:
    'Customers, expected value and revenue at stake per action of campaign_list (every action listed, 0 when none). The source columns say which model or ' +
    'stated proxy the figures rest on (see campaign_list).',
  grain: 'One action.',
  layer: 'model',
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

/** Market-basket association rules. */
export const productAssociation = defineTable({
  name: 'product_association',
  description:
    `Association rules "who buys the antecedent in an invoice also buys the consequent" over all invoices. ${BASKET_LINES} ` +
    'support = invoices with both / invoices; confidence = invoices with both / invoices with the antecedent; lift = confidence / share of invoices with the consequent. ' +
    'Only invoices of at most max_basket_products distinct products count (an order of hundreds of products pairs everything with everything and ' +
    'costs most of the pair count). Kept: support >= min_support, confidence >= min_confidence and lift > 1 (thresholds in recommendation_metrics; ' +
    'defaults 1%, 20% and 50 products; support and confidence chosen by hit rate on a validation window before the one recommendation_metrics reports: rules from the invoices before 2011-06-12, hits in the 90 days after).',
  grain: 'One ordered pair of products (antecedent -> consequent).',
  layer: 'model',
  publish: true,
  excelSheet: 'Product associations',
  primaryKey: ['antecedent', 'consequent'],
  foreignKeys: [toProduct('antecedent'), toProduct('consequent')],
  columns: [
    { name: 'antecedent', type: 'VARCHAR', description: 'Stock code bought.' },
    { name: 'consequent', type: 'VARCHAR', description: 'Stock code bought with it.' },
    { name: 'antecedent_description', type: 'VARCHAR', description: 'Description of the antecedent.', nullable: true },
    { name: 'consequent_description', type: 'VARCHAR', description: 'Description of the consequent.', nullable: true },
    { name: 'invoices', type: 'INTEGER', description: 'Invoices with both products.', format: 'integer' },
    { name: 'support', type: 'DOUBLE', description: 'Share of invoices with both products.', format: 'percent' },
    { name: 'confidence', type: 'DOUBLE', description: 'Share of the antecedent\'s invoices that also hold the consequent.', format: 'percent' },
    { name: 'lift', type: 'DOUBLE', description: 'confidence / share of invoices with the consequent (> 1 = bought together more than by chance).', format: 'decimal' },
  ],
  tests: [
    {
      name: 'product_association_measures_consistent',
      description: 'Support and confidence within 0..1, lift above 1, antecedent differs from consequent.',
      sql: `select * from product_association where support <= 0 or support > 1 or confidence <= 0 or confidence > 1 or lift <= 1 or antecedent = consequent`,
    },
  ],
});

/** Top products per customer. */
export const customerRecommendation = defineTable({
  name: 'customer_recommendation',
  description:
    'Up to 5 products per customer that the customer does not already buy regularly (bought in 2 or more invoices). Association: the best rule of ' +
    'product_association whose antecedent the customer bought, score = its confidence (ties: lift, then stock code). Empty places are filled with the ' +
    'most popular products (score = share of invoices holding the product). Quality: recommendation_metrics.',
  grain: 'One customer and recommendation rank.',
  layer: 'model',
  publish: true,
  primaryKey: ['customer_id', 'rank'],
  foreignKeys: [toCustomer, toProduct('stock_code')],
  columns: [
    customerId,
    { name: 'rank', type: 'INTEGER', description: '1 = best.', format: 'integer', accepted: ['1', '2', '3', '4', '5'] },
    { name: 'stock_code', type: 'VARCHAR', description: 'Recommended product.' },
    { name: 'description', type: 'VARCHAR', description: 'Its description.', nullable: true },
    { name: 'score', type: 'DOUBLE', description: 'Rule confidence (association) or invoice share (popular).', format: 'decimal' },
    { name: 'reason_kind', type: 'VARCHAR', description: 'association or popular.', accepted: REASON_KINDS },
    { name: 'reason', type: 'VARCHAR', description: 'Why, in words.' },
  ],
  tests: [
    {
      name: 'customer_recommendation_one_product_once',
      description: 'A product is recommended to a customer at most once.',
      sql: `select customer_id, stock_code, count(*) as copies from customer_recommendation group by all having count(*) > 1`,
    },
  ],
});

/** Out-of-time quality of the recommendations. */
export const recommendationMetrics = defineTable({
  name: 'recommendation_metrics',
  description:
    'Out-of-time check: rules and recommendations from basket lines before the cutoff (the day after the last invoice - 90 days), compared with what each customer ' +
    'with purchases on both sides bought from the cutoff on. hit_rate_at_5: share of those customers who bought at least one of their 5 recommended products; ' +
    'precision_at_5: recommended products bought / 5, averaged. most_popular recommends the 5 products in most invoices before the cutoff, with the same ' +
    'exclusion of products the customer already buys regularly. The baskets before the cutoff are as they stood then (net only of the cancellations dated before it). ' +
    'The thresholds were not chosen on this window: they were chosen on the 90 days before it (see product_association).',
  grain: 'One recommendation method.',
  layer: 'model',
  publish: true,
  excelSheet: 'Recommendation check',
  primaryKey: ['method'],
  columns: [
    { name: 'method', type: 'VARCHAR', description: 'association_rules (with popular fill) or the most_popular baseline.', accepted: RECOMMENDATION_METHODS },
    { name: 'cutoff_date', type: 'DATE', description: 'Rules and history before this day; purchases from it on are the truth.', format: 'date' },
    { name: 'customers', type: 'INTEGER', description: 'Customers evaluated (purchases before and after the cutoff).', format: 'integer' },
    { name: 'hits', type: 'INTEGER', description: 'Customers who bought at least one recommended product.', format: 'integer' },
    { name: 'hit_rate_at_5', type: 'DOUBLE', description: 'hits / customers.', format: 'percent' },
    { name: 'precision_at_5', type: 'DOUBLE', description: 'Mean share of the 5 recommended products bought.', format: 'percent' },
    { name: 'rule_coverage', type: 'DOUBLE', description: 'Share of the customers with at least one rule-based recommendation (0 for the baseline).', format: 'percent' },
    { name: 'rules', type: 'INTEGER', description: 'Rules found before the cutoff (0 for the baseline).', format: 'integer' },
    { name: 'min_support', type: 'DOUBLE', description: 'Minimum support of a rule.', format: 'percent' },
    { name: 'min_confidence', type: 'DOUBLE', description: 'Minimum confidence of a rule.', format: 'percent' },
    { name: 'max_basket_products', type: 'INTEGER', description: 'Invoices with more distinct products are left out of the rules.', format: 'integer' },
  ],
});

/** Weekly units of every forecast series. */
export const demandWeekly = defineTable({
  name: 'demand_weekly',
  description:
    'Units sold per week (Monday to Sunday) for each product category and each of the 50 products with most units, over the complete weeks of the data: ' +
    `a first or last week the data covers only in part is left out. Units are net of matched cancellations (net_quantity). ${BASKET_LINES}`,
  grain: 'One series and week.',
  layer: 'model',
  publish: true,
  primaryKey: ['series_type', 'series', 'week_start'],
  columns: [
    { name: 'series_type', type: 'VARCHAR', description: 'category or product.', accepted: SERIES_TYPES },
    { name: 'series', type: 'VARCHAR', description: 'Category name or stock code.' },
    { name: 'series_label', type: 'VARCHAR', description: 'Category name or product description.' },
    { name: 'week_start', type: 'DATE', description: 'Monday of the week.', format: 'date' },
    { name: 'units', type: 'BIGINT', description: 'Net units sold in the week (0 when none).', format: 'integer' },
  ],
});

/** The next 12 weeks. */
export const demandForecast = defineTable({
  name: 'demand_forecast',
  description:
    'Forecast units for the 12 weeks after the last complete week, per series of demand_weekly, by the method chosen in the series\' backtest ' +
    '(forecast_backtest). 80% prediction interval: forecast +/- 1.2816 x sigma x sqrt(h), sigma the RMSE of the method\'s one-step in-sample errors, ' +
    'h the weeks ahead; forecasts and lower bounds below zero are set to zero. Seasonal methods need 60 weeks before the latest origin of the choice ' +
    '(about 76 weeks of data with the 8-week backtest); on shorter data, such as one year, forecasts after the last week of November (the yearly peak) ' +
    'carry no Christmas or January effect.',
  grain: 'One series and forecast week.',
  layer: 'model',
  publish: true,
  excelSheet: 'Demand forecast',
  primaryKey: ['series_type', 'series', 'week_start'],
  columns: [
    { name: 'series_type', type: 'VARCHAR', description: 'category or product.', accepted: SERIES_TYPES },
    { name: 'series', type: 'VARCHAR', description: 'Category name or stock code.' },
    { name: 'series_label', type: 'VARCHAR', description: 'Category name or product description.' },
    { name: 'week_start', type: 'DATE', description: 'Monday of the forecast week.', format: 'date' },
    { name: 'horizon', type: 'INTEGER', description: 'Weeks ahead, 1 = the week after the last complete week.', format: 'integer' },
    { name: 'units_forecast', type: 'DOUBLE', description: 'Forecast units.', format: 'decimal' },
    { name: 'lower', type: 'DOUBLE', description: 'Lower bound of the 80% prediction interval.', format: 'decimal' },
    { name: 'upper', type: 'DOUBLE', description: 'Upper bound of the 80% prediction interval.', format: 'decimal' },
    { name: 'method', type: 'VARCHAR', description: 'Forecasting method (chosen by the backtest).', accepted: FORECAST_METHODS },
  ],
  tests: [
    {
      name: 'demand_forecast_interval_ordered',
      description: '0 <= lower <= forecast <= upper.',
      sql: `select * from demand_forecast where lower < 0 or lower > units_forecast or units_forecast > upper`,
    },
  ],
});

/** How each method did on the last 8 weeks. */
export const forecastBacktest = defineTable({
  name: 'forecast_backtest',
  description:
    'Backtest of every method on every series: fitted on all complete weeks but the last 8 (the reported window), forecast 1-8 weeks ahead from there and ' +
    'compared with the actual units. naive = last week; moving_average = mean of the last 4 weeks; drift = naive plus the average weekly change; ses = simple exponential ' +
    'smoothing; holt_damped = Holt\'s linear trend with damping 0.9; seasonal_naive = the same week 52 weeks earlier; holt_winters = additive Holt-Winters ' +
    'with a 52-week season and no trend (smoothing weights of ses, holt_damped and holt_winters by least one-step squared error on the fitting weeks). ' +
    'Seasonal methods are listed when the fitting weeks hold at least 60. The method is chosen without looking at the reported window: by the lowest ' +
    'mean MAE over rolling origins 8, 16, 24 and 32 weeks before it (those that leave every candidate enough weeks), each forecasting 8 weeks; ties: ' +
    'sMAPE, then the order above; naive when the weeks before the window are too few to choose.',
  grain: 'One series and method.',
  layer: 'model',
  publish: true,
  excelSheet: 'Forecast backtest',
  primaryKey: ['series_type', 'series', 'method'],
  columns: [
    { name: 'series_type', type: 'VARCHAR', description: 'category or product.', accepted: SERIES_TYPES },
    { name: 'series', type: 'VARCHAR', description: 'Category name or stock code.' },
    { name: 'method', type: 'VARCHAR', description: 'Forecasting method.', accepted: FORECAST_METHODS },
    { name: 'test_start', type: 'DATE', description: 'First week of the backtest.', format: 'date' },
    { name: 'test_weeks', type: 'INTEGER', description: 'Weeks in the backtest.', format: 'integer' },
    { name: 'mae', type: 'DOUBLE', description: 'Mean absolute error in units.', format: 'decimal' },
    { name: 'smape', type: 'DOUBLE', description: 'Symmetric mean absolute percentage error in percent (0-200; a week with forecast and actual both 0 counts 0).', format: 'decimal' },
    { name: 'interval_coverage', type: 'DOUBLE', description: 'Share of backtest weeks whose actual fell inside the 80% interval.', format: 'percent' },
    { name: 'selection_mae', type: 'DOUBLE', label: 'Selection MAE', description: 'Mean absolute error over the rolling origins before the reported window, on which the method was chosen; empty when the method was no candidate (too few weeks before the first origin).', format: 'decimal', nullable: true },
    { name: 'mase', type: 'DOUBLE', label: 'MASE vs naive', description: 'Mean absolute scaled error: mae divided by the mean absolute week-to-week change over the fitting weeks (below 1 = better than a one-step naive forecast in sample); empty when the fitting weeks never change.', format: 'decimal', nullable: true },
    { name: 'mase_seasonal', type: 'DOUBLE', label: 'MASE vs seasonal naive', description: 'mae divided by the mean absolute change from the same week 52 weeks earlier over the fitting weeks; empty when they hold no full year plus a week.', format: 'decimal', nullable: true },
    { name: 'parameters', type: 'VARCHAR', description: 'Fitted parameters, e.g. "alpha=0.3".', nullable: true },
    { name: 'chosen', type: 'BOOLEAN', description: 'The method used for the series\' forecast.' },
  ],
  tests: [
    {
      name: 'forecast_backtest_one_chosen_per_series',
      description: 'Exactly one method is chosen per series.',
      sql: `select series_type, series, count(*) filter (where chosen) as chosen from forecast_backtest group by all having count(*) filter (where chosen) <> 1`,
    },
  ],
});

/** Action tables, in build order. */
export const ACTION_TABLES = [
  productAssociation,
  customerRecommendation,
  recommendationMetrics,
  campaignRule,
  campaignList,
  campaignSummary,
  demandWeekly,
  demandForecast,
  forecastBacktest,
];
