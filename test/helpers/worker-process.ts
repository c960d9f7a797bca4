import { spawn, type ChildProcess } from 'node:child_process';

import { PROJECT_ROOT } from '../../runtime/project.js';
import { command } from './command.js';

/** Starts `npm run worker` as its own process against the given server and task queue. */
export function spawnWorker(address: string, taskQueue: string, args: string[] = []): ChildProcess {
  // One node process, so that SIGKILL really kills the worker.
  const child = spawn(...command('worker', args), {
    cwd: PROJECT_ROOT,
    env: { ...process.env, TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: taskQueue },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

/** Stops a worker process and waits for it to be gone. */
export async function stopWorker(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await gone;
}
