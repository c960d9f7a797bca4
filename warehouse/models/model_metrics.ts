import { defineTable } from '../spec/types.js';
import { TARGETS, METHODS } from './helpers/columns.js';

/** Holdout quality of every churn and high-value method. */
export const modelMetrics = defineTable({
  name: 'model_metrics',
  description:
    'Out-of-time evaluation: features from purchases before train_cutoff, label from the window_days after it; the fitted models then score customers ' +
    'as of test_cutoff and are measured against what happened in the window after test_cutoff. Churn = no purchase in the window; high_value = among the ' +
    'top 20% of customers by net spend in the window. Thresholds (precision/recall/F1) are chosen for best F1 on training data (out-of-bag scores for the ' +
    'forest) and applied unchanged. The random forest is the project\'s own implementation (binned CART trees, 60 trees of depth 5): ml-random-forest ' +
    'measured far too slow (7.4 s for 5 trees on 3,000 rows). recency_baseline scores by days since the last purchase, monetary_baseline by past spend; ' +
    'bgnbd_p_alive scores churn by 1 - P(alive) of a BG/NBD model fitted on purchases before each cutoff (customers without a repeat purchase are alive by ' +
    'the model\'s construction, which hurts this score), bgnbd_no_purchase by the same model\'s P(no purchase in the window). A BG/NBD score that ranks the ' +
    'training cutoff\'s churners below recency alone is left out of this table, and the run summary says so.',
  grain: 'One scoring method of one target.',
  layer: 'model',
  publish: true,
  excelSheet: 'Model metrics',
  primaryKey: ['target', 'method'],
  columns: [
    { name: 'target', type: 'VARCHAR', description: 'churn or high_value.', accepted: TARGETS },
    { name: 'method', type: 'VARCHAR', description: 'Scoring method.', accepted: METHODS },
    { name: 'train_cutoff', type: 'DATE', description: 'Features before this day; labels from the window after it.', format: 'date' },
    { name: 'test_cutoff', type: 'DATE', description: 'Holdout: features before this day, labels from the window after it.', format: 'date' },
    { name: 'window_days', type: 'INTEGER', description: 'Length of the label window in days.', format: 'integer' },
    { name: 'train_customers', type: 'INTEGER', description: 'Customers with a purchase before the training cutoff.', format: 'integer' },
    { name: 'train_positive_share', type: 'DOUBLE', description: 'Share of training customers with label 1.', format: 'percent' },
    { name: 'test_customers', type: 'INTEGER', description: 'Customers with a purchase before the test cutoff.', format: 'integer' },
    { name: 'test_positive_share', type: 'DOUBLE', description: 'Share of holdout customers with label 1 (e.g. the churn rate).', format: 'percent' },
    { name: 'roc_auc', type: 'DOUBLE', description: 'Holdout ROC AUC.', format: 'decimal' },
    { name: 'pr_auc', type: 'DOUBLE', description: 'Holdout average precision.', format: 'decimal' },
    { name: 'log_loss', type: 'DOUBLE', description: 'Holdout log loss; null when the score is not a probability.', nullable: true, format: 'decimal' },
    { name: 'threshold', type: 'DOUBLE', description: 'Score at or above which a customer is flagged (chosen on training data).', format: 'decimal' },
    { name: 'precision', type: 'DOUBLE', description: 'Holdout precision at the threshold.', format: 'decimal' },
    { name: 'recall', type: 'DOUBLE', description: 'Holdout recall at the threshold.', format: 'decimal' },
    { name: 'f1', type: 'DOUBLE', description: 'Holdout F1 at the threshold.', format: 'decimal' },
    { name: 'flagged', type: 'INTEGER', description: 'Holdout customers flagged.', format: 'integer' },
  ],
});
