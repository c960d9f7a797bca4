import { defineTable } from '../spec/types.js';
import { TARGETS } from './helpers/columns.js';

/** Which features the forests lean on. */
export const modelFeatureImportance = defineTable({
  name: 'model_feature_importance',
  description: 'Random-forest feature importance per target (model fitted at the training cutoff): mean decrease in Gini impurity, summing to 1.',
  grain: 'One feature of one target\'s forest.',
  layer: 'model',
  publish: true,
  excelSheet: 'Feature importance',
  primaryKey: ['target', 'feature'],
  columns: [
    { name: 'target', type: 'VARCHAR', description: 'churn or high_value.', accepted: TARGETS },
    { name: 'feature', type: 'VARCHAR', description: 'Feature name, computed from purchases before the cutoff.' },
    { name: 'impurity_importance', type: 'DOUBLE', description: 'Mean decrease in impurity (training data), share of the total.', format: 'percent' },
    { name: 'permutation_importance', type: 'DOUBLE', description: 'Drop of holdout ROC AUC when the feature is shuffled; null when not computed (kept off for speed).', nullable: true, format: 'decimal' },
    { name: 'importance_rank', type: 'INTEGER', description: '1 = most important by impurity.', format: 'integer' },
  ],
});
