import { type ColumnSpec } from '../../spec/types.js';

/** Column builders and wording shared by several models tables, so their descriptions agree. */
/** Purchases the models see, stated once so every description says the same. */
export const PURCHASES =
  'Purchases are the sales lines of known customers, net of the units later cancelled (matched cancellations), excluding cancellations, ' +
  'adjustments, stock corrections, fully cancelled lines and exact duplicate lines (copies of an earlier line are treated as data-entry repeats).';

export const TARGETS = ['churn', 'high_value'] as const;
export const METHODS = ['random_forest', 'logistic_regression', 'recency_baseline', 'monetary_baseline', 'bgnbd_p_alive', 'bgnbd_no_purchase'] as const;
export const RISK_BANDS = ['High', 'Medium', 'Low'] as const;
export const CLUSTER_METHODS = ['kmeans', 'dbscan'] as const;
export const ANOMALY_TYPES = ['country_day_revenue', 'country_day_cancellations', 'customer_cancellation_share', 'customer_basket_size'] as const;

export const customerId: ColumnSpec = { name: 'customer_id', type: 'BIGINT', description: 'Customer number.' };
export const toRfm = { columns: ['customer_id'], references: { table: 'customer_rfm', columns: ['customer_id'] } } as const;










export const predictionColumns = (what: string, label: string): ColumnSpec[] => [
  customerId,
  { name: 'as_of', type: 'DATE', description: 'Features from purchases before this day (the day after the last invoice).', format: 'date' },
  { name: 'model_cutoff', type: 'DATE', description: 'The model was trained on features before this day and the window after it (the test cutoff).', format: 'date' },
  { name: 'probability', label, type: 'DOUBLE', description: `Probability that the customer ${what} in the next 90 days, from the published method (random forest or logistic regression, whichever ranked better on the validation window before the training cutoff; the run summary names it).`, format: 'percent' },
  { name: 'threshold', type: 'DOUBLE', description: 'Flagging threshold (best F1 on out-of-bag training scores).', format: 'decimal' },
  { name: 'is_flagged', type: 'BOOLEAN', description: 'probability >= threshold.' },
];
