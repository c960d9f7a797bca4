import { defaultPayloadConverter } from '@temporalio/common';
import type { WorkflowHandle } from '@temporalio/client';

import type { RefreshStatus } from '../schemas/workflow.js';

/** Reads a running refresh's state: the workflow's status query plus the current activity's last heartbeat. */
export async function readProgress(handle: WorkflowHandle): Promise<{ status?: RefreshStatus; heartbeat?: string }> {
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
  return { status, heartbeat };
}

/**
 * Polls a refresh and reports each change once: a step starting or finishing, and progress inside
 * long steps. Stops when `done` settles.
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
  while (!finished) {
    reportChanges(await readProgress(handle));
    await Promise.race([done.catch(() => undefined), new Promise((r) => setTimeout(r, everyMs))]);
  }
  // One last look, so the final step's completion is reported too.
  reportChanges(await readProgress(handle));
}
