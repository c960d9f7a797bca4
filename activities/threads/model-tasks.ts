import { run as predictions } from '../model/predictions-task.js';
import { run as segmentation } from '../model/segmentation-task.js';

/** The model step's two CPU-bound computations; each may run in a worker thread of its own. */
export const MODEL_TASKS = { segmentation, predictions };

/** The module each task's thread loads (it exports `threadMain`). */
export const MODEL_TASK_MODULES: Record<ModelTask, URL> = {
  segmentation: new URL('../model/segmentation-task.ts', import.meta.url),
  predictions: new URL('../model/predictions-task.ts', import.meta.url),
};

export type ModelTask = keyof typeof MODEL_TASKS;
export type ModelTaskResult<T extends ModelTask> = ReturnType<(typeof MODEL_TASKS)[T]>;
