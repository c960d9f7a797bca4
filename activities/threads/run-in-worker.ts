import type { Worker } from 'node:worker_threads';

import { startThread } from './start-thread.js';
import { runSettings } from '../../schemas/settings.js';
import { onStepStop } from '../../warehouse/stop-scope.js';

import { unpackHistories, type PackedAtCutoffs, type PackedHistories } from '../../analytics/packed-histories.js';
import { unpackAtCutoffs } from './serve-task.js';
import type { ModelDates } from '../../analytics/model-dates.js';
import { tablesToColumns, type WithCellColumns } from './cell-columns.js';
import { MODEL_TASK_MODULES, MODEL_TASKS, type ModelTask, type ModelTaskResult } from './model-tasks.js';

export interface TaskOutcome<T extends ModelTask> {
  /** The task's result with its tables column by column (see cell-columns.ts). */
  result: WithCellColumns<ModelTaskResult<T>>;
  /** The task's own computing time, without handing the data to the thread. */
  ms: number;
}

type Reply = { id: number; result?: unknown; ms?: number; error?: { message: string; stack?: string } };

interface ModelThread {
  worker: Worker;
  pending: Map<number, { resolve: (reply: Reply) => void; reject: (err: Error) => void }>;
}

/**
 * One long-lived worker thread per task: a thread takes about half a second to load the model code,
 * so it is started at the first refresh and reused by every later one in this process. An idle
 * thread does not keep the process alive.
 */
const threads = new Map<ModelTask, ModelThread>();
let nextId = 1;

function threadFor(task: ModelTask): ModelThread {
  const existing = threads.get(task);
  if (existing) return existing;
  const worker = startThread(MODEL_TASK_MODULES[task], undefined);
  const thread: ModelThread = { worker, pending: new Map() };
  const fail = (err: Error) => {
    if (threads.get(task) === thread) threads.delete(task); // an ended thread may already have a successor
    for (const { reject } of thread.pending.values()) reject(err);
    thread.pending.clear();
  };
  worker.on('message', (reply: Reply) => {
    const waiting = thread.pending.get(reply.id);
    thread.pending.delete(reply.id);
    if (thread.pending.size === 0) worker.unref();
    waiting?.resolve(reply);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`model thread for ${task} exited with code ${code}`)));
  worker.unref();
  threads.set(task, thread);
  return thread;
}

/** Starts the model threads ahead of the first refresh (a Temporal worker calls it at start-up). */
export function startModelThreads(): void {
  if (!runSettings().MODEL_THREADS) return;
  for (const task of Object.keys(MODEL_TASKS) as ModelTask[]) threadFor(task);
}

/**
 * Runs a model task in its worker thread, so that the step's two model families and its SQL share
 * the machine's cores instead of taking turns; the main thread stays free for heartbeats. The packed
 * histories live on shared memory, so the threads read them without a copy; each thread unpacks its
 * own, so the result is the same as in this thread (every random step is seeded).
 * MODEL_THREADS=0 runs the task in this thread instead (for CPU profiles).
 */
export function runModelTask<T extends ModelTask>(task: T, histories: PackedHistories, dates: ModelDates, atCutoffs?: PackedAtCutoffs): Promise<TaskOutcome<T>> {
  if (!runSettings().MODEL_THREADS) {
    const started = performance.now();
    const { result } = tablesToColumns(MODEL_TASKS[task](unpackHistories(histories), dates, unpackAtCutoffs(atCutoffs)) as ModelTaskResult<T>);
    return Promise.resolve({ result, ms: Math.round(performance.now() - started) });
  }
  const thread = threadFor(task);
  const id = nextId++;
  // A stopped step (cancelled, timed out) ends the thread: its task cannot be interrupted otherwise.
  // Another refresh's task on the same thread fails with it and is retried; a later task starts a new thread.
  const unregister = onStepStop(() => {
    if (threads.get(task) === thread) threads.delete(task);
    return thread.worker.terminate();
  });
  return new Promise<Reply>((resolve, reject) => {
    thread.pending.set(id, { resolve, reject });
    thread.worker.ref(); // a task in flight keeps the process alive until it answers
    thread.worker.postMessage({ id, histories, dates, atCutoffs });
  }).finally(unregister).then((reply) => {
    if (reply.error) throw Object.assign(new Error(`model task ${task}: ${reply.error.message}`), { stack: reply.error.stack });
    return { result: reply.result as WithCellColumns<ModelTaskResult<T>>, ms: reply.ms ?? 0 };
  });
}

/**
 * Above this many customers the two model tasks run one after the other instead of side by side,
 * and each task's thread is ended when it has answered (the next refresh starts a fresh one): at
 * 437,000 customers (a hundred times the Online Retail data) their heaps held 1.4 and 2.1 GB at the
 * end of their work, which an idle thread keeps, and the step's SQL beside them ran longer than either.
 */
export const ONE_TASK_AT_A_TIME_ABOVE = 100_000;

/** The tasks that have a thread now (for tests). */
export function liveModelThreads(): ModelTask[] {
  return [...threads.keys()];
}

/**
 * Ends a task's thread, giving its memory back, unless another refresh's task waits on it (one
 * worker may run several refreshes); a later task starts a new thread.
 */
async function endThread(task: ModelTask): Promise<void> {
  const thread = threads.get(task);
  if (!thread || thread.pending.size > 0) return;
  threads.delete(task);
  await thread.worker.terminate();
}

/**
 * Starts segmentation and predictions; with `oneAtATime`, predictions starts when segmentation has
 * answered, and each thread ends after its task.
 */
export function runModelTasks(histories: PackedHistories, dates: ModelDates, oneAtATime = histories.customerIds.length > ONE_TASK_AT_A_TIME_ABOVE, atCutoffs?: PackedAtCutoffs) {
  if (!oneAtATime) return { segmenting: runModelTask('segmentation', histories, dates), predicting: runModelTask('predictions', histories, dates, atCutoffs), oneAtATime };
  const alone = <T extends ModelTask>(task: T) => runModelTask(task, histories, dates, atCutoffs).finally(() => endThread(task));
  const segmenting = alone('segmentation');
  const predicting = segmenting.then(() => alone('predictions')); // a failed segmentation fails the step anyway
  return { segmenting, predicting, oneAtATime };
}
