import { customerRfm } from './customer_rfm.js';
import { modelKSelection } from './model_k_selection.js';
import { customerClusterProfile } from './customer_cluster_profile.js';
import { marketingSegment } from './marketing_segment.js';
import { customerSegment } from './customer_segment.js';
import { modelMetrics } from './model_metrics.js';
import { modelHoldoutPredictions } from './model_holdout_predictions.js';
import { modelCalibration } from './model_calibration.js';
import { modelFeatureImportance } from './model_feature_importance.js';
import { churnPrediction } from './churn_prediction.js';
import { highValuePrediction } from './high_value_prediction.js';
import { customerLifetimeValue } from './customer_lifetime_value.js';
import { modelLifetimeHoldout } from './model_lifetime_holdout.js';
import { anomaly } from './anomaly.js';

export { customerRfm, modelKSelection, customerClusterProfile, marketingSegment, customerSegment, modelMetrics, modelHoldoutPredictions, modelCalibration, modelFeatureImportance, churnPrediction, highValuePrediction, customerLifetimeValue, modelLifetimeHoldout, anomaly };

/** Model outputs, in the order the model step reports and publishes them (it writes them from TypeScript). */
export const MODEL_TABLES = [
  customerRfm,
  modelKSelection,
  customerClusterProfile,
  marketingSegment,
  customerSegment,
  modelMetrics,
  modelHoldoutPredictions,
  modelCalibration,
  modelFeatureImportance,
  churnPrediction,
  highValuePrediction,
  customerLifetimeValue,
  modelLifetimeHoldout,
  anomaly,
];
