import { predictCustomers } from './predictions.js';
import { serveTask, type TaskFunction } from '../threads/serve-task.js';

/** The churn, high-value and lifetime-value models, run in a thread of their own. */
export const run: TaskFunction<ReturnType<typeof predictCustomers>> = (histories, dates, atCutoffs) => predictCustomers(histories, dates, atCutoffs);
export const threadMain = serveTask(run);
