import type { CustomerHistory } from '../../analytics/churn-features.js';
import type { ModelDates } from './dates.js';
import { predictCustomers } from './predictions.js';
import { segmentCustomers } from './segmentation.js';

/** The model step's two CPU-bound computations; each may run in a worker thread of its own. */
export const MODEL_TASKS = {
  segmentation: (histories: readonly CustomerHistory[], dates: ModelDates) => segmentCustomers(histories, dates.asOf),
  predictions: (histories: readonly CustomerHistory[], dates: ModelDates) => predictCustomers(histories, dates),
};

export type ModelTask = keyof typeof MODEL_TASKS;
export type ModelTaskResult<T extends ModelTask> = ReturnType<(typeof MODEL_TASKS)[T]>;
