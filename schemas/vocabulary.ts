/**
 * The values a label column of the warehouse may take. They live here, below the table contracts,
 * because both a contract (its accepted-values test) and the analytics that assign them need them.
 */

/** RFM segment names, best first. */
export const RFM_SEGMENTS = [
  'Champions',
  'Loyal',
  'Potential loyalists',
  'New',
  'Promising',
  'Need attention',
  'About to sleep',
  'At risk',
  'Cannot lose them',
  'Hibernating',
  'Lost',
] as const;

/** What to do with a customer in the campaign list. */
export const ACTIONS = ['win-back', 'loyalty reward', 'upsell', 'nurture', 'do not contact'] as const;

export const RISK_BANDS = ['High', 'Medium', 'Low'] as const;

/** Where a churn probability comes from. */
export const CHURN_SOURCES = ['churn_prediction', 'recency_frequency_rate'] as const;

/** Where an expected 90-day value comes from. */
export const VALUE_SOURCES = ['customer_lifetime_value.clv_90d', 'last_365_days_spend_x_90/365'] as const;

/** Forecast methods a demand series may be forecast with. */
export const FORECAST_METHODS = ['naive', 'moving_average', 'drift', 'ses', 'holt_damped', 'seasonal_naive', 'holt_winters'] as const;

/** Demand series: a product category or a single product. */
export const SERIES_TYPES = ['category', 'product'] as const;
