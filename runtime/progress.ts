import { defaultPayloadConverter } from '@temporalio/common';
import { ServiceError, type WorkflowHandle } from '@temporalio/client';

import type { RefreshStatus } from '../schemas/workflow.js';
import { noWorkerWarning } from './pollers.js';

/** Reads a running refresh's state: the workflow's status query plus the current activity's last heartbeat. */
export async function readProgress(handle: WorkflowHandle): Promise<{ status?: RefreshStatus; heartbeat?: string; waitsOnActivity?: boolean; taskQueue?: string }> {
  const status = await handle.query<RefreshStatus>('status').catch(() => undefined);
  const description = await handle.describe().catch(() => undefined);
  const pending = description?.raw.pendingActivities?.[0];
  const payload = pending?.heartbeatDetails?.payloads?.[0];
  let heartbeat: string | undefined;
  if (payload) {
    try {
      heartbeat = String(defaultPayloadConverter.fromPayload(payload));
    } catch {
      heartbeat = undefined;
    }
  }
  return { status, heartbeat, waitsOnActivity: Boolean(pending), taskQueue: description?.taskQueue };
}

const WORKER_CHECK_EVERY_MS = 10_000;

/**
 * Polls a refresh and reports each change once: a step starting or finishing, and progress inside
 * long steps, and once when no worker polls its task queue while it waits on a step. Stops when `done` settles.
 */
export async function followProgress(handle: WorkflowHandle, done: Promise<unknown>, report: (line: string) => void, everyMs = 500): Promise<void> {
  let finished = false;
  void done.finally(() => {
    finished = true;
  }).catch(() => undefined);
  const seen = new Set<string>();
  let lastHeartbeat = '';
  const reportChanges = ({ status, heartbeat }: Awaited<ReturnType<typeof readProgress>>) => {
    for (const step of status?.completed ?? []) {
      const key = `done:${step.step}`;
      if (!seen.has(key)) {
        seen.add(key);
        report(`  ✓ ${step.step.padEnd(9)} ${(step.durationMs / 1000).toFixed(1)} s, ${step.rowsOut.toLocaleString('en-GB')} rows`);
      }
    }
    if (status?.current && !seen.has(`start:${status.current}`)) {
      seen.add(`start:${status.current}`);
      report(`  … ${status.current}`);
    }
    if (heartbeat && heartbeat !== lastHeartbeat && !heartbeat.endsWith(': started')) {
      lastHeartbeat = heartbeat;
      report(`      ${heartbeat}`);
    }
  };
  let lastWorkerCheck = 0;
  let warnedNoWorker = false;
  // A refresh whose worker is gone waits on its activity for ever: say so, and how to go on or end it.
  const checkWorker = async ({ waitsOnActivity, taskQueue }: Awaited<ReturnType<typeof readProgress>>) => {
    if (!waitsOnActivity || !taskQueue || Date.now() - lastWorkerCheck < WORKER_CHECK_EVERY_MS) return;
    lastWorkerCheck = Date.now();
    const warning = await noWorkerWarning(handle.client, taskQueue, handle.workflowId);
    if (warning && !warnedNoWorker) report(`  ${warning}`);
    warnedNoWorker = Boolean(warning);
  };
  while (!finished) {
    const progress = await readProgress(handle);
    reportChanges(progress);
    await checkWorker(progress);
    await Promise.race([done.catch(() => undefined), new Promise((r) => setTimeout(r, everyMs))]);
  }
  // One last look, so the final step's completion is reported too.
  reportChanges(await readProgress(handle));
}

export interface WaitOptions {
  /** How long the server may stay unreachable before the command gives up following (the refresh goes on). */
  patienceMs?: number;
  /** First pause between attempts while the server is unreachable; doubles up to 10 s. */
  retryAfterMs?: number;
}

/**
 * The refresh's result, followed through server outages: the client's own retries give up after
 * about 20 s, so an outage longer than that (a restart, a network cut) would end the command while
 * the refresh goes on. A call that fails to reach the server is tried again with back-off, saying so
 * on the terminal, until the server answers or `patienceMs` (default 15 minutes) has passed.
 * A workflow that failed, was cancelled or is unknown is not an outage and ends the wait at once.
 */
export async function waitForResult<T>(handle: WorkflowHandle, report: (line: string) => void, options: WaitOptions = {}): Promise<T> {
  const patienceMs = options.patienceMs ?? 15 * 60_000;
  let pause = options.retryAfterMs ?? 1_000;
  let unreachableSince: number | undefined;
  for (;;) {
    try {
      const result = (await handle.result()) as T;
      if (unreachableSince !== undefined) report(`  server reachable again after ${seconds(Date.now() - unreachableSince)} s`);
      return result;
    } catch (err) {
      if (!(err instanceof ServiceError)) throw err;
      // A failed call after the server came back (a blip, not an outage) starts the count afresh.
      if (unreachableSince !== undefined && (await handle.describe().then(() => true, () => false))) unreachableSince = undefined;
      unreachableSince ??= Date.now() - SDK_RETRY_MS;
      const down = Date.now() - unreachableSince;
      if (down > patienceMs) {
        throw new Error(
          `Temporal server unreachable for ${seconds(down)} s; stopped following ${handle.workflowId}, which may still run — ` +
            `see it in the Web UI or with: temporal workflow describe --workflow-id ${handle.workflowId}`,
        );
      }
      report(`  server unreachable, still waiting (${seconds(down)} s so far; ${firstLine(err)})`);
      await new Promise((r) => setTimeout(r, pause));
      pause = Math.min(pause * 2, 10_000);
    }
  }
}

/** About how long the client's own gRPC retries last before a call fails (10 attempts, up to 5 s apart). */
const SDK_RETRY_MS = 20_000;

function seconds(ms: number): number {
  return Math.round(ms / 1000);
}

function firstLine(err: Error): string {
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.message}${cause}`.split('\n')[0] ?? '';
}
