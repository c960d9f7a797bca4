import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createActivities, type Activities } from '../../activities/index.js';
import { startRefresh } from '../../runtime/start-refresh.js';
import { tempDir } from '../../runtime/temp-dir.js';
import { createRefreshWorker } from '../../runtime/worker.js';
import type { RefreshResult, StepResult } from '../../schemas/workflow.js';
import { withDatabase } from '../../warehouse/db.js';
import { warehouseLayout } from '../../warehouse/layout.js';
import { writeSmallInput } from '../helpers/small-input.js';
import { startTestTemporal, type TestTemporal } from '../helpers/temporal.js';
import { eventLogLines, runHistoryRows } from '../helpers/warehouse-records.js';

/** The real activities, with publish held at its start until the test lets it go on. */
function gatedPublish() {
  const real = createActivities();
  let reach!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let publishing: Promise<unknown> = Promise.resolve();
  const activities = {
    ...real,
    publish: (input: unknown): Promise<StepResult> => {
      const run = (async () => {
        reach();
        await gate;
        return real.publish(input);
      })();
      publishing = run.catch((err: unknown) => err);
      return run;
    },
  } as Activities;
  return { activities, reached, release, settled: () => publishing };
}

describe('a refresh says completed only when it published, and never publishes once stopped', () => {
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

  async function stoppedDuringPublish(name: string, stop: (handle: Awaited<ReturnType<typeof startRefresh>>) => Promise<void>) {
    const gated = gatedPublish();
    const outputDir = join(dir.path, `out-${name}`);
    const worker = await createRefreshWorker({ connection: temporal.workerConnection, namespace: 'default', taskQueue: `q-${name}`, activities: gated.activities });
    const publishError = await worker.runUntil(async () => {
      const handle = await startRefresh(temporal.client, `q-${name}`, { warehouse: name, inputPaths: [input], outputDir });
      await gated.reached;
      // While publish is under way, the refresh is not recorded as completed.
      expect((await runHistoryRows(warehouseLayout(outputDir, name).root)).map((r) => r.status)).not.toContain('completed');
      await stop(handle);
      await handle.result().then(
        () => expect.fail('the stopped refresh returned a result'),
        () => undefined,
      );
      gated.release(); // publish goes on after the refresh ended, as an abandoned activity does
      return gated.settled();
    });
    return { layout: warehouseLayout(outputDir, name), publishError };
  }

  it('a refresh terminated during publish leaves `current` alone and is not recorded as completed', async () => {
    const { layout, publishError } = await stoppedDuringPublish('terminated', (handle) => handle.terminate('test: terminate during publish').then(() => undefined));
    // Either publish's own check finds the refresh ended, or its heartbeat learns first that the
    // workflow is gone (NOT_FOUND) and the stopped step ends there: which one wins is timing.
    expect(String(publishError)).toMatch(/the refresh is terminated; `current` was left as it was|CancelledFailure: NOT_FOUND/);
    expect(existsSync(layout.currentLink)).toBe(false);
    expect(existsSync(layout.database)).toBe(false);
    expect((await runHistoryRows(layout.root)).map((r) => r.status)).not.toContain('completed');
    expect(eventLogLines(layout.root).filter((e) => e.event === 'refresh_completed')).toHaveLength(0);
  });

  it('a refresh cancelled during publish leaves `current` alone and is recorded as failed: cancelled', async () => {
    const { layout, publishError } = await stoppedDuringPublish('cancelled', (handle) => handle.cancel().then(() => undefined));
    expect(String(publishError)).toMatch(/cancelled/);
    expect(existsSync(layout.currentLink)).toBe(false);
    expect(await runHistoryRows(layout.root)).toEqual([{ status: 'failed', failed_step: 'publish', message: 'cancelled during publish' }]);
    expect(eventLogLines(layout.root).filter((e) => e.event === 'refresh_completed')).toHaveLength(0);
  });

  it('a refresh that publishes is recorded as completed once, and its published history holds it', async () => {
    const gated = gatedPublish();
    gated.release();
    const outputDir = join(dir.path, 'out-done');
    const worker = await createRefreshWorker({ connection: temporal.workerConnection, namespace: 'default', taskQueue: 'q-done', activities: gated.activities });
    const result = await worker.runUntil(async () => (await (await startRefresh(temporal.client, 'q-done', { warehouse: 'done', inputPaths: [input], outputDir })).result()) as RefreshResult);
    const layout = warehouseLayout(outputDir, 'done');
    expect(await runHistoryRows(layout.root)).toEqual([{ status: 'completed', failed_step: null, message: null }]);
    expect(eventLogLines(layout.root).filter((e) => e.event === 'refresh_completed')).toHaveLength(1);
    const published = await withDatabase(layout.database, (db) => db.all('select refresh_id, status from run_history'));
    expect(published).toEqual([{ refresh_id: result.refreshId, status: 'completed' }]);
  });
});
