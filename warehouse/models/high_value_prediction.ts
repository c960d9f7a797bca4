import { defineTable } from '../spec/types.js';
import { toRfm, predictionColumns } from './helpers/columns.js';

/** Likelihood of being a top spender in the next window. */
export const highValuePrediction = defineTable({
  name: 'high_value_prediction',
  description: 'Probability that each customer is among the top 20% by net spend in the next 90 days: the published high-value model (chosen on the validation window) refitted at the test cutoff, scored as of the day after the last invoice.',
  grain: 'One known customer.',
  layer: 'model',
  publish: true,
  excelSheet: 'High-value outlook',
  primaryKey: ['customer_id'],
  foreignKeys: [toRfm],
  columns: predictionColumns('is among the top 20% by spend', 'High-value probability'),
});
