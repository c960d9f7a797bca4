import { defineTable } from '../spec/types.js';
import { customerId, toRfm } from './helpers/columns.js';

/** BG/NBD and Gamma-Gamma lifetime value. */
export const customerLifetimeValue = defineTable({
  name: 'customer_lifetime_value',
  description:
    'BG/NBD (purchase and drop-out process) and Gamma-Gamma (value per purchase) models fitted by maximum likelihood on all purchases, as of the day after ' +
    'the last invoice. A purchase is a distinct purchase day; repeat_purchases excludes the first; clv_90d = expected_purchases_90d x expected_purchase_value, undiscounted.',
  grain: 'One known customer.',
  layer: 'model',
  publish: true,
  excelSheet: 'Lifetime value',
  primaryKey: ['customer_id'],
  foreignKeys: [toRfm],
  columns: [
    customerId,
    { name: 'repeat_purchases', type: 'INTEGER', description: 'Distinct purchase days after the first.', format: 'integer' },
    { name: 'recency_age_days', type: 'INTEGER', description: 'Age at the last purchase day: days from the first to the last purchase day.', format: 'integer' },
    { name: 'age_days', type: 'INTEGER', description: 'Days from the first purchase day to the as-of day.', format: 'integer' },
    { name: 'mean_repeat_spend', type: 'DECIMAL(18,3)', description: 'Mean net spend of the repeat purchase days (0 without repeats).', format: 'money' },
    { name: 'p_alive', label: 'Probability still active', type: 'DOUBLE', description: 'Probability that the customer is still active.', format: 'percent' },
    { name: 'expected_purchases_90d', type: 'DOUBLE', description: 'Expected purchase days in the next 90 days.', format: 'decimal' },
    { name: 'expected_purchase_value', type: 'DECIMAL(18,3)', description: 'Expected net spend per future purchase (Gamma-Gamma posterior mean).', format: 'money' },
    { name: 'clv_90d', label: 'Expected spend, next 90 days', type: 'DECIMAL(18,3)', description: 'Expected net spend in the next 90 days.', format: 'money' },
  ],
});
