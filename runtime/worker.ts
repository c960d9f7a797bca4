import { Worker, type NativeConnection } from '@temporalio/worker';

import { createActivities, type Activities } from '../activities/index.js';
import { startModelThreads } from '../activities/threads/run-in-worker.js';
import { workflowBundlePath } from './workflow-bundle.js';

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** Activities to register; the real ones by default (tests wrap them to inject faults). */
  activities?: Activities;
  /** How many activities this worker runs at once; each refresh runs one at a time. */
  maxConcurrentActivities?: number;
}

/** A worker for the refresh workflow and its activities, using the cached workflow bundle. */
export async function createRefreshWorker(options: WorkerOptions): Promise<Worker> {
  // The model threads load their code (about half a second of CPU each) while the Temporal worker
  // connects and starts, mostly waiting on the network: measured, this costs the first refresh less
  // than loading them during its extract step.
  if (!options.activities) startModelThreads();
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: { codePath: await workflowBundlePath() },
    activities: options.activities ?? createActivities(),
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivities ?? 2,
    // Lets a stopping worker finish the activity it runs instead of abandoning it mid-write.
    shutdownGraceTime: '30 seconds',
  });
}
