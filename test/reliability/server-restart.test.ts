import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, describe, expect, it } from 'vitest';

import { startDevServer, type DevServer } from '../../runtime/dev-server.js';
import { startRefresh } from '../../runtime/local-refresh.js';
import { FULL_DATA_SET } from '../../runtime/project.js';
import { tempDir } from '../../runtime/temp-dir.js';
import { createRefreshWorker } from '../../runtime/worker.js';
import type { RefreshResult } from '../../schemas/workflow.js';
import { stablePort } from '../helpers/stable-port.js';
import { waitForRunningStep } from '../helpers/history.js';

const FULL_DATA = FULL_DATA_SET;

describe.skipIf(!existsSync(FULL_DATA))('the local dev server restarted in the middle of a refresh', () => {
  const dir = tempDir();
  const servers: DevServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
    dir.cleanup();
  });

  it('keeps its history in the SQLite file, and the refresh completes', async () => {
    const port = await stablePort();
    const dbFile = join(dir.path, 'temporal', 'history.sqlite');
    const start = async () => {
      const server = await startDevServer({ port, uiPort: false, dbFile, allowDownload: false });
      servers.push(server);
      return server;
    };
    const first = await start();
    const connection = await Connection.connect({ address: first.address });
    const client = new Client({ connection });
    const workerConnection = await NativeConnection.connect({ address: first.address });
    const worker = await createRefreshWorker({ connection: workerConnection, namespace: 'default', taskQueue: 'q-restart' });
    const result = await worker.runUntil(async () => {
      const handle = await startRefresh(client, 'q-restart', { warehouse: 'restart', inputPaths: [FULL_DATA], outputDir: dir.path });
      await waitForRunningStep(client, handle.workflowId, 'validate');
      await first.stop();
      await new Promise((r) => setTimeout(r, 1000));
      await start();
      return (await handle.result()) as RefreshResult;
    });
    expect(result.steps.map((s) => s.step)).toEqual(['extract', 'validate', 'transform', 'model', 'publish']);
    expect(result.steps[0]?.rowsOut).toBe(541_909);
    await workerConnection.close();
    await connection.close();
  });
});
