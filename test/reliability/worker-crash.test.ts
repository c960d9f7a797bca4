import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startRefresh } from '../../runtime/start-refresh.js';
import { FULL_DATA_SET } from '../../runtime/project.js';
import { tempDir } from '../../runtime/temp-dir.js';
import { createRefreshWorker } from '../../runtime/worker.js';
import type { RefreshResult } from '../../schemas/workflow.js';
import { warehouseLayout } from '../../warehouse/layout.js';
import { stepAttempts, waitForRunningStep } from '../helpers/history.js';
import { startTestTemporal, type TestTemporal } from '../helpers/temporal.js';
import { writeRealSubset } from '../helpers/real-subset.js';
import { spawnWorker, stopWorker } from '../helpers/worker-process.js';

/** Checksums of the published tables, except the run history, whose timings differ by nature. */
function publishedChecksums(outputDir: string, warehouse: string): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(warehouseLayout(outputDir, warehouse).currentLink, 'manifest.json'), 'utf8'));
  const tables: { name: string; sha256: string }[] = manifest.tables.filter((t: { name: string }) => t.name !== 'run_history');
  return Object.fromEntries(tables.map((t) => [t.name, t.sha256]));
}

// The runtime is the subject, so a fifth of the real data (every line of one customer in five, about
// 99,000 lines) is enough: two refreshes of the full data made this the suite's slowest test.
describe.skipIf(!existsSync(FULL_DATA_SET))('a worker killed in the middle of the longest step', () => {
  let temporal: TestTemporal;
  const dir = tempDir();
  beforeAll(async () => {
    temporal = await startTestTemporal();
  });
  afterAll(async () => {
    await temporal?.close();
    dir.cleanup();
  });

  it('is replaced by a new worker; the refresh completes as if uninterrupted, earlier steps not re-run', async () => {
    const subset = writeRealSubset(dir.path);
    const input = { inputPaths: [subset.path], outputDir: dir.path, refreshId: 'same-refresh' };

    // Reference: an uninterrupted refresh, which also tells which step takes longest.
    const worker = await createRefreshWorker({ connection: temporal.workerConnection, namespace: 'default', taskQueue: 'q-reference' });
    const reference = await worker.runUntil(async () => {
      const handle = await startRefresh(temporal.client, 'q-reference', { ...input, warehouse: 'reference' });
      return (await handle.result()) as RefreshResult;
    });
    expect(reference.steps[0]?.rowsOut).toBe(subset.lines);
    const longest = [...reference.steps].sort((a, b) => b.durationMs - a.durationMs)[0]!;

    const first = spawnWorker(temporal.server.address, 'q-crash');
    let second: ReturnType<typeof spawnWorker> | undefined;
    try {
      const handle = await startRefresh(temporal.client, 'q-crash', { ...input, warehouse: 'crash' });
      await waitForRunningStep(temporal.client, handle.workflowId, longest.step);
      await new Promise((r) => setTimeout(r, Math.min(longest.durationMs / 3, 1000)));
      await stopWorker(first, 'SIGKILL');
      const killedAt = Date.now();
      second = spawnWorker(temporal.server.address, 'q-crash');
      const result = (await handle.result()) as RefreshResult;
      // The heartbeat timeout (15 s) is what lets the server notice the dead worker.
      expect(Date.now() - killedAt).toBeLessThan(60_000);
      expect(result.steps.map((s) => s.rowsOut)).toEqual(reference.steps.map((s) => s.rowsOut));

      const attempts = await stepAttempts(temporal.client, handle.workflowId);
      for (const step of result.steps) {
        expect(attempts[step.step]?.scheduled, step.step).toBe(1);
        expect(attempts[step.step]?.attempt, step.step).toBe(step.step === longest.step ? 2 : 1);
      }
      expect(publishedChecksums(dir.path, 'crash')).toEqual(publishedChecksums(dir.path, 'reference'));
    } finally {
      await stopWorker(first, 'SIGKILL');
      if (second) await stopWorker(second);
    }
  });
});
