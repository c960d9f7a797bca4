import { join } from 'node:path';

import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';

import { startDevServer, type DevServer } from '../../runtime/dev-server.js';
import { stablePort } from './stable-port.js';

/**
 * A local dev server that a test can stop and start again on the same port and SQLite history file
 * (an outage or a restart), with a client and a worker connection to its first start. Every server
 * started goes into `servers`, so the suite's afterAll stops whichever is still running.
 */
export async function restartableServer(root: string, servers: DevServer[]) {
  const port = await stablePort();
  const dbFile = join(root, 'temporal', 'history.sqlite');
  const start = async () => {
    const server = await startDevServer({ port, uiPort: false, dbFile, allowDownload: false });
    servers.push(server);
    return server;
  };
  const first = await start();
  const connection = await Connection.connect({ address: first.address });
  const client = new Client({ connection });
  const workerConnection = await NativeConnection.connect({ address: first.address });
  return { port, dbFile, start, first, connection, client, workerConnection };
}
