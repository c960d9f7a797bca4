import { defineTable } from '../spec/types.js';
import { TARGETS } from './helpers/columns.js';

/** Does a predicted probability mean what it says? */
export const modelCalibration = defineTable({
  name: 'model_calibration',
  description:
    'Reliability table of the holdout (as of test_cutoff in model_metrics): the customers scored by each probabilistic method (random forest vote share, logistic ' +
    'regression probability) cut into ten equal-count groups by score, with the mean predicted probability beside the observed share of positives. ' +
    'A calibrated model has mean_predicted close to observed_rate in every decile; the Brier score in the run summary sums the same errors per customer.',
  grain: 'One score decile of one method for one target.',
  layer: 'model',
  sql: 'models/model_calibration.sql',
  publish: true,
  excelSheet: 'Model calibration',
  primaryKey: ['target', 'method', 'decile'],
  foreignKeys: [{ columns: ['target', 'method'], references: { table: 'model_metrics', columns: ['target', 'method'] } }],
  columns: [
    { name: 'target', type: 'VARCHAR', description: 'churn or high_value.', accepted: TARGETS },
    { name: 'method', type: 'VARCHAR', description: 'random_forest or logistic_regression.', accepted: ['random_forest', 'logistic_regression'] },
    { name: 'decile', type: 'INTEGER', description: '1 = lowest scores, 10 = highest.', format: 'integer' },
    { name: 'customers', type: 'INTEGER', description: 'Holdout customers in the decile.', format: 'integer' },
    { name: 'min_predicted', type: 'DOUBLE', description: 'Lowest predicted probability in the decile.', format: 'decimal' },
    { name: 'max_predicted', type: 'DOUBLE', description: 'Highest predicted probability in the decile.', format: 'decimal' },
    { name: 'mean_predicted', type: 'DOUBLE', description: 'Mean predicted probability.', format: 'decimal' },
    { name: 'observed_rate', type: 'DOUBLE', description: 'Share of the decile\'s customers that turned out positive.', format: 'percent' },
    { name: 'calibration_gap', type: 'DOUBLE', description: 'mean_predicted - observed_rate (> 0: the model overstates the risk).', format: 'decimal' },
  ],
});
