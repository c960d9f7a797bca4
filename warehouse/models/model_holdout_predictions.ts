import { defineTable } from '../spec/types.js';
import { TARGETS, METHODS, customerId, toRfm } from './helpers/columns.js';

/** Every holdout score, so the metrics can be recomputed. */
export const modelHoldoutPredictions = defineTable({
  name: 'model_holdout_predictions',
  description: 'The score of every method for every holdout customer (as of test_cutoff in model_metrics) next to the actual label.',
  grain: 'One customer scored by one method for one target.',
  layer: 'model',
  publish: true,
  primaryKey: ['target', 'method', 'customer_id'],
  foreignKeys: [{ columns: ['target', 'method'], references: { table: 'model_metrics', columns: ['target', 'method'] } }, toRfm],
  columns: [
    { name: 'target', type: 'VARCHAR', description: 'churn or high_value.', accepted: TARGETS },
    { name: 'method', type: 'VARCHAR', description: 'Scoring method.', accepted: METHODS },
    customerId,
    { name: 'score', type: 'DOUBLE', description: 'Score, higher = more likely positive (a probability except for the baselines).', format: 'decimal' },
    { name: 'actual', type: 'INTEGER', description: '1 when the customer turned out positive (churned / high value), else 0.', format: 'integer', accepted: ['0', '1'] },
    { name: 'is_flagged', type: 'BOOLEAN', description: 'score >= the method\'s threshold in model_metrics.' },
  ],
});
