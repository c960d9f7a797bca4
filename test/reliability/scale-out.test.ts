import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startRefresh } from '../../runtime/start-refresh.js';
import { tempDir } from '../../runtime/temp-dir.js';
import type { RefreshResult } from '../../schemas/workflow.js';
import { withDatabase } from '../../warehouse/db.js';
import { warehouseLayout } from '../../warehouse/layout.js';
import { writeSampleCsv } from '../../scripts/sample/sample-lines.js';
import { activityWorkers } from '../helpers/history.js';
import { startTestTemporal, type TestTemporal } from '../helpers/temporal.js';
import { spawnWorker, stopWorker } from '../helpers/worker-process.js';

describe('two worker processes on one task queue', () => {
  let temporal: TestTemporal;
  const dir = tempDir();
  beforeAll(async () => {
    temporal = await startTestTemporal();
  });
  afterAll(async () => {
    await temporal?.close();
    dir.cleanup();
  });

  it('share the activities of several refreshes of different warehouses, all correct', async () => {
    const input = join(dir.path, 'sample.csv');
    const lines = writeSampleCsv(input);
    // One activity at a time per worker, so three refreshes at once need both workers.
    const workers = [1, 2].map(() => spawnWorker(temporal.server.address, 'q-scale', ['--max-activities', '1']));
    try {
      const warehouses = ['north', 'south', 'east'];
      const handles = await Promise.all(
        warehouses.map((warehouse) => startRefresh(temporal.client, 'q-scale', { warehouse, inputPaths: [input], outputDir: dir.path })),
      );
      const results = (await Promise.all(handles.map((h) => h.result()))) as RefreshResult[];
      for (const [i, result] of results.entries()) {
        expect(result.warehouse).toBe(warehouses[i]);
        expect(result.steps.map((s) => s.step)).toEqual(['extract', 'validate', 'transform', 'model', 'publish']);
        const count = await withDatabase(warehouseLayout(dir.path, result.warehouse).database, (db) => db.number('select count(*) from fact_invoice_line'));
        expect(count).toBe(lines);
      }
      const identities = new Set((await Promise.all(handles.map((h) => activityWorkers(temporal.client, h.workflowId)))).flat());
      expect(identities.size).toBe(2);
    } finally {
      await Promise.all(workers.map((w) => stopWorker(w)));
    }
  });
});
