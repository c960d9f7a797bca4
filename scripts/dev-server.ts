/** A long-lived local Temporal dev server with its Web UI, keeping history in a SQLite file. */
import { join, resolve } from 'node:path';

import { loadTemporalSettings } from '../schemas/config.js';
import { DEFAULT_PORT, DEFAULT_UI_PORT, startDevServer } from '../runtime/dev-server.js';
import { parseCli, runMain } from './cli.js';

const USAGE = `
Usage: npm run dev-server -- [--output <dir>] [--port <n>] [--ui-port <n>]

Starts a Temporal dev server on 127.0.0.1 with the Web UI, until Ctrl+C. History is kept in
<output>/temporal/history.sqlite, the same file "npm start" uses, so past refreshes stay visible.

Options:
  --output <dir>    output folder (default: output)
  --port <n>        gRPC port (default 7233)
  --ui-port <n>     Web UI port (default 8233)
  -h, --help        show this help
`;

function port(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${flag} must be a port number`);
  return n;
}

runMain(async () => {
  const args = parseCli(USAGE, {
    output: { type: 'string', default: 'output' },
    port: { type: 'string', default: String(DEFAULT_PORT) },
    'ui-port': { type: 'string', default: String(DEFAULT_UI_PORT) },
  });
  const settings = loadTemporalSettings();
  const dir = join(resolve(args.output), 'temporal');
  const server = await startDevServer({
    cliPath: settings.cliPath,
    port: port(args.port, '--port'),
    uiPort: port(args['ui-port'], '--ui-port'),
    dbFile: join(dir, 'history.sqlite'),
    logFile: join(dir, 'dev-server.log'),
    namespace: settings.namespace,
  });
  console.log(`Temporal dev server on ${server.address}, Web UI ${server.uiUrl} (history: ${join(dir, 'history.sqlite')}). Ctrl+C stops it.`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await server.stop();
});
