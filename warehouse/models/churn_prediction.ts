import { defineTable } from '../spec/types.js';
import { RISK_BANDS, toRfm, predictionColumns } from './helpers/columns.js';

/** Churn risk of every customer now. */
export const churnPrediction = defineTable({
  name: 'churn_prediction',
  description: 'Churn risk of every customer as of the end of the data: the published churn model (chosen on the validation window) refitted at the test cutoff scores features as of the day after the last invoice.',
  grain: 'One known customer.',
  layer: 'model',
  publish: true,
  excelSheet: 'Churn risk',
  primaryKey: ['customer_id'],
  foreignKeys: [toRfm],
  columns: [
    ...predictionColumns('makes no purchase', 'Churn probability'),
    { name: 'risk_band', type: 'VARCHAR', description: 'High (probability >= 0.7), Medium (>= 0.4) or Low.', accepted: RISK_BANDS },
  ],
});
