import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createActivities, type Activities } from '../../activities/index.js';
import { refreshWorkflowId, startRefresh } from '../../runtime/start-refresh.js';
import { livePollers, noWorkerWarning, POLLER_GONE_AFTER_MS } from '../../runtime/pollers.js';
import { findResetPoint, resetToStep } from '../../runtime/reset.js';
import { createRefreshWorker } from '../../runtime/worker.js';
import { STEPS, type StepName } from '../../schemas/steps.js';
import type { RefreshResult } from '../../schemas/workflow.js';
import { withDatabase } from '../../warehouse/db.js';
import { warehouseLayout } from '../../warehouse/layout.js';
import { startTestTemporal, type TestTemporal } from '../helpers/temporal.js';
import { tempDir } from '../../runtime/temp-dir.js';
import { writeSmallInput } from '../helpers/small-input.js';
import { eventLogLines, runHistoryRows } from '../helpers/warehouse-records.js';

/** The real activities, counting their calls; `failing` makes a step throw until it is cleared. */
function countingActivities() {
  const real = createActivities();
  const calls = Object.fromEntries(STEPS.map((s) => [s, 0])) as Record<StepName, number>;
  const state: { failing?: StepName; failureType?: string } = {};
  const wrapped = {
    ...real,
    ...Object.fromEntries(
    STEPS.map((step) => [
      step,
      async (input: unknown) => {
        calls[step] += 1;
        if (state.failing === step) throw ApplicationFailure.nonRetryable(`injected fault in ${step}`, state.failureType ?? 'InjectedFault');
        return real[step](input);
      },
    ]),
  ),
  } as Activities;
  return { activities: wrapped, calls, state };
}

describe('refreshWarehouse against a real Temporal dev server', () => {
  let temporal: TestTemporal;
  const dir = tempDir();
  let input: string;

  beforeAll(async () => {
    temporal = await startTestTemporal();
    input = writeSmallInput(dir.path);
  });
  afterAll(async () => {
    await temporal?.close();
    dir.cleanup();
  });

  async function withWorker<T>(taskQueue: string, activities: Activities, fn: () => Promise<T>): Promise<T> {
    const worker = await createRefreshWorker({ connection: temporal.workerConnection, namespace: 'default', taskQueue, activities });
    return worker.runUntil(fn());
  }

  it('runs the five steps and publishes', async () => {
    const { activities, calls } = countingActivities();
    const outputDir = join(dir.path, 'out-ok');
    const result = await withWorker('q-ok', activities, async () => {
      const handle = await startRefresh(temporal.client, 'q-ok', { warehouse: 'ok', inputPaths: [input], outputDir });
      return (await handle.result()) as RefreshResult;
    });
    expect(result.steps.map((s) => s.step)).toEqual([...STEPS]);
    expect(Object.values(calls)).toEqual([1, 1, 1, 1, 1]);
    expect(result.steps[0]?.rowsOut).toBe(14);
    const layout = warehouseLayout(outputDir, 'ok');
    const manifest = JSON.parse(readFileSync(join(layout.currentLink, 'manifest.json'), 'utf8'));
    expect(manifest.refreshId).toBe(result.refreshId);
    expect(existsSync(join(layout.currentLink, 'fact_invoice_line.parquet'))).toBe(true);
  });

  it('fails naming the step, and a reset to that step completes without re-running earlier steps', async () => {
    const { activities, calls, state } = countingActivities();
    const outputDir = join(dir.path, 'out-reset');
    const workflowId = refreshWorkflowId('reset');
    state.failing = 'transform';
    const failure = await withWorker('q-reset', activities, async () => {
      const handle = await startRefresh(temporal.client, 'q-reset', { warehouse: 'reset', inputPaths: [input], outputDir });
      return handle.result().then(
        () => undefined,
        (err: unknown) => err,
      );
    });
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect(String((failure as WorkflowFailedError).cause?.message)).toContain('step "transform" failed: injected fault in transform');
    expect(calls).toEqual({ extract: 1, validate: 1, transform: 1, model: 0, publish: 0 });
    expect(existsSync(warehouseLayout(outputDir, 'reset').currentManifest)).toBe(false);

    state.failing = undefined; // the operator fixes the cause
    const point = await findResetPoint(temporal.client, workflowId);
    expect(point.step).toBe('transform');
    const newRunId = await resetToStep(temporal.client, workflowId, point, 'test: re-run transform');
    const result = await withWorker('q-reset', activities, async () => {
      return (await temporal.client.workflow.getHandle(workflowId, newRunId).result()) as RefreshResult;
    });
    expect(calls).toEqual({ extract: 1, validate: 1, transform: 2, model: 1, publish: 1 });
    expect(result.steps.map((s) => s.step)).toEqual([...STEPS]);
    const layout = warehouseLayout(outputDir, 'reset');
    const lines = await withDatabase(layout.database, (db) => db.number('select count(*) from fact_invoice_line'));
    expect(lines).toBe(14);
    // The failed attempt stays in the history beside the reset run that completed it; the published
    // copy has both, and the event log says completed exactly once.
    const history = await withDatabase(layout.database, (db) => db.all('select refresh_id, run_id, status, failed_step from run_history order by finished_at'));
    expect(history).toEqual([
      { refresh_id: result.refreshId, run_id: result.refreshId, status: 'failed', failed_step: 'transform' },
      { refresh_id: result.refreshId, run_id: newRunId, status: 'completed', failed_step: null },
    ]);
    expect((await runHistoryRows(layout.root)).map((r) => r.status)).toEqual(['failed', 'completed']);
    expect(eventLogLines(layout.root).filter((e) => e.event === 'refresh_completed')).toHaveLength(1);
  });

  it('after a data test failed, reset re-runs from extract: the cause may be in the input file', async () => {
    const { activities, state } = countingActivities();
    const workflowId = refreshWorkflowId('data-test');
    state.failing = 'transform';
    state.failureType = 'DataTestFailed';
    await withWorker('q-data-test', activities, async () => {
      const handle = await startRefresh(temporal.client, 'q-data-test', { warehouse: 'data-test', inputPaths: [input], outputDir: join(dir.path, 'out-dt') });
      return handle.result().catch(() => undefined);
    });
    const point = await findResetPoint(temporal.client, workflowId);
    expect(point).toMatchObject({ step: 'extract', reason: '"transform" failed on bad input or a data test, and only extract reads the input again' });
  });

  it('warns when no worker polls the task queue, and not while one does', async () => {
    const warning = await noWorkerWarning(temporal.client, 'q-nobody', 'refresh-x');
    expect(warning).toMatch(/^warning: no worker polls task queue "q-nobody", so refresh-x waits until one does; start one with npm run worker .*temporal workflow terminate --workflow-id refresh-x$/);
    const { activities } = countingActivities();
    const polled = await withWorker('q-somebody', activities, async () => {
      for (let i = 0; i < 50; i++) {
        if ((await livePollers(temporal.client, 'q-somebody')).activity > 0) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      return noWorkerWarning(temporal.client, 'q-somebody', 'refresh-y');
    });
    expect(polled).toBeUndefined();
    // The worker has stopped; the server keeps listing it as a poller for minutes. Seen from a
    // moment past POLLER_GONE_AFTER_MS after its last poll (instead of waiting 75 s), it is gone.
    const later = Date.now() + POLLER_GONE_AFTER_MS + 1000;
    expect((await livePollers(temporal.client, 'q-somebody')).activity, 'still listed right after it stopped').toBeGreaterThan(0);
    expect(await noWorkerWarning(temporal.client, 'q-somebody', 'refresh-z', later)).toMatch(/^warning: no worker polls task queue "q-somebody", so refresh-z waits/);
  });

  it('after bad data is fixed in the file, a reset re-reads it from extract and completes', async () => {
    const { activities, calls } = countingActivities();
    const outputDir = join(dir.path, 'out-fix');
    const workflowId = refreshWorkflowId('fix');
    const file = writeSmallInput(dir.path, 'to-fix.csv');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace(',6,12/1/2010 8:26,2.55,17850', ',six,12/1/2010 8:26,2.55,17850'));
    const failure = await withWorker('q-fix', activities, async () => {
      const handle = await startRefresh(temporal.client, 'q-fix', { warehouse: 'fix', inputPaths: [file], outputDir });
      return handle.result().then(
        () => undefined,
        (err: unknown) => err,
      );
    });
    expect(String((failure as WorkflowFailedError).cause?.message)).toMatch(/^step "validate" failed: .*to-fix\.csv line 2, column Quantity: quantity is not a number — .*, then resume with: npm run reset -- --warehouse fix$/);

    writeFileSync(file, good); // the operator fixes the file
    const point = await findResetPoint(temporal.client, workflowId);
    expect(point).toMatchObject({ step: 'extract', reason: '"validate" failed on bad input or a data test, and only extract reads the input again' });
    const newRunId = await resetToStep(temporal.client, workflowId, point, 'test: input fixed');
    const result = await withWorker('q-fix', activities, async () => {
      return (await temporal.client.workflow.getHandle(workflowId, newRunId).result()) as RefreshResult;
    });
    expect(calls).toEqual({ extract: 2, validate: 2, transform: 1, model: 1, publish: 1 });
    expect(result.steps[1]?.notes.join('\n')).toContain('14 read = 14 staged + 0 quarantined');
  });

  it('fails bad input once, without retrying, naming the file', async () => {
    const { activities, calls } = countingActivities();
    const missing = join(dir.path, 'no-such-file.csv');
    const failure = await withWorker('q-bad', activities, async () => {
      const handle = await startRefresh(temporal.client, 'q-bad', { warehouse: 'bad', inputPaths: [missing], outputDir: join(dir.path, 'out-bad') });
      return handle.result().then(
        () => undefined,
        (err: unknown) => err,
      );
    });
    expect(String((failure as WorkflowFailedError).cause?.message)).toContain(`step "extract" failed: ${missing}`);
    expect(calls.extract).toBe(1);
    // The reason is in the run history too, not only in the Temporal Web UI.
    const root = warehouseLayout(join(dir.path, 'out-bad'), 'bad').root;
    const [history] = await runHistoryRows(root);
    const message = `${missing}: file not found — put the file back at that path (or start a new refresh with the right --input), then resume with: npm run reset -- --warehouse bad`;
    expect(history).toEqual({ status: 'failed', failed_step: 'extract', message });
    const events = eventLogLines(root);
    expect(events.map((e) => e.event)).toEqual(['step_failed', 'refresh_failed']);
    expect(events[0]).toMatchObject({ step: 'extract', warehouse: 'bad', attempt: 1, message });
    expect(events[0]?.peakRssMb).toBeGreaterThan(0);
  });

  it('refuses a second refresh of a warehouse while one runs', async () => {
    const outputDir = join(dir.path, 'out-overlap');
    // No worker polls this queue yet, so the first refresh stays running.
    const first = await startRefresh(temporal.client, 'q-overlap', { warehouse: 'overlap', inputPaths: [input], outputDir });
    await expect(startRefresh(temporal.client, 'q-overlap', { warehouse: 'overlap', inputPaths: [input], outputDir })).rejects.toThrow(
      /already running/,
    );
    await first.terminate('test done');
  });
});
