import { predictCustomers } from './predictions.js';
import { serveTask, type TaskFunction } from './serve-task.js';

/** The churn, high-value and lifetime-value models, run in a thread of their own. */
export const run: TaskFunction<ReturnType<typeof predictCustomers>> = (histories, dates) => predictCustomers(histories, dates);
export const threadMain = serveTask(run);
