import type { MessagePort } from 'node:worker_threads';

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

/** The thread side of run-in-worker.ts: answers one request at a time, each with its own id. */
export function threadMain(port: MessagePort): void {
  port.on('message', ({ id, task, histories, dates }: { id: number; task: ModelTask; histories: CustomerHistory[]; dates: ModelDates }) => {
    const started = performance.now();
    try {
      const result = MODEL_TASKS[task](histories, dates);
      port.postMessage({ id, result, ms: Math.round(performance.now() - started) });
    } catch (err) {
      port.postMessage({ id, error: { message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined } });
    }
  });
}
