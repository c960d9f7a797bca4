#!/usr/bin/env node
// What `npm start`, `npm run worker` and the other commands run: `node scripts/run.mjs <script> [flags]`
// checks the set-up (redoing only what is stale, e.g. compiling after a source edit) and then runs the
// compiled scripts/<script>.ts in this same process, so a command costs one Node start, not two.
import { existsSync } from 'node:fs';

import { ensureSetup } from './setup.mjs';
import { compiledScript } from './compile.mjs';

const [name, ...args] = process.argv.slice(2);
if (!name) {
  console.error('usage: node scripts/run.mjs <script> [flags]   (e.g. start, worker, refresh)');
  process.exit(2);
}
/** The commands that may start a local Temporal dev server, so need its binary from set-up. */
const LOCAL_SERVER = new Set(['start', 'dev-server', 'bench']);
await ensureSetup({ quiet: true, temporalBinaries: LOCAL_SERVER.has(name) });
const script = compiledScript(name);
if (!existsSync(script)) {
  console.error(`error: no command scripts/${name}.ts`);
  process.exit(2);
}
// The script reads its flags from process.argv, as if it had been started directly.
process.argv = [process.argv[0] ?? 'node', script, ...args];
await import(script);
