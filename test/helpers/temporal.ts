import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';

import { startDevServer, type DevServer } from '../../runtime/dev-server.js';
import { freePort } from '../../runtime/ports.js';

export interface TestTemporal {
  server: DevServer;
  client: Client;
  workerConnection: NativeConnection;
  close(): Promise<void>;
}

/**
 * A real local Temporal dev server on free ports (no UI), with a client and a worker connection.
 * Uses the installed CLI (set-up puts it in .venv/); never downloads one in tests.
 */
export async function startTestTemporal(options: { dbFile?: string } = {}): Promise<TestTemporal> {
  const server = await startDevServer({ port: await freePort(), uiPort: false, dbFile: options.dbFile, allowDownload: false });
  const connection = await Connection.connect({ address: server.address });
  const workerConnection = await NativeConnection.connect({ address: server.address });
  return {
    server,
    client: new Client({ connection, namespace: 'default' }),
    workerConnection,
    async close() {
      await workerConnection.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
      await server.stop();
    },
  };
}
