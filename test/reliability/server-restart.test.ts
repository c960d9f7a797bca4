import { existsSync } from 'node:fs';

import { afterAll, describe, expect, it } from 'vitest';

import type { DevServer } from '../../runtime/dev-server.js';
import { startRefresh } from '../../runtime/start-refresh.js';
import { FULL_DATA_SET } from '../../runtime/project.js';
import { tempDir } from '../../runtime/temp-dir.js';
import { createRefreshWorker } from '../../runtime/worker.js';
import type { RefreshResult } from '../../schemas/workflow.js';
import { restartableServer } from '../helpers/restartable-server.js';
import { waitForRunningStep } from '../helpers/history.js';
import { writeRealSubset } from '../helpers/real-subset.js';

// A fifth of the real data (every line of one customer in five): the restart is the subject, not the figures.
describe.skipIf(!existsSync(FULL_DATA_SET))('the local dev server restarted in the middle of a refresh', () => {
  const dir = tempDir();
  const servers: DevServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
    dir.cleanup();
  });

  it('keeps its history in the SQLite file, and the refresh completes', async () => {
    const subset = writeRealSubset(dir.path);
    const { start, first, connection, client, workerConnection } = await restartableServer(dir.path, servers);
    const worker = await createRefreshWorker({ connection: workerConnection, namespace: 'default', taskQueue: 'q-restart' });
    const result = await worker.runUntil(async () => {
      const handle = await startRefresh(client, 'q-restart', { warehouse: 'restart', inputPaths: [subset.path], outputDir: dir.path });
      await waitForRunningStep(client, handle.workflowId, 'validate');
      await first.stop();
      await new Promise((r) => setTimeout(r, 1000));
      await start();
      return (await handle.result()) as RefreshResult;
    });
    expect(result.steps.map((s) => s.step)).toEqual(['extract', 'validate', 'transform', 'model', 'publish']);
    expect(result.steps[0]?.rowsOut).toBe(subset.lines);
    await workerConnection.close();
    await connection.close();
  });
});
