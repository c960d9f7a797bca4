import { segmentCustomers } from './segmentation.js';
import { serveTask, type TaskFunction } from '../threads/serve-task.js';

/** RFM, K-Means and DBSCAN: the model step's segmentation, run in a thread of its own. */
export const run: TaskFunction<ReturnType<typeof segmentCustomers>> = (histories, dates) => segmentCustomers(histories, dates.asOf);
export const threadMain = serveTask(run);
