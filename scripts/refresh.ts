/** Starts a refresh on a running Temporal (cluster or local dev server); workers carry it out. */
import { resolve } from 'node:path';

import { loadTemporalSettings } from '../schemas/config.js';
import { connectClient, operationsEndpoint } from '../runtime/connect.js';
import { startRefresh } from '../runtime/start-refresh.js';
import { noWorkerWarning } from '../runtime/pollers.js';
import { followProgress, waitForResult } from '../runtime/progress.js';
import { formatSummary } from '../runtime/summary.js';
import type { RefreshResult } from '../schemas/workflow.js';
import { REFRESH_FLAGS, refreshOptions } from './refresh-flags.js';
import { parseCli, runMain, UsageError } from './cli.js';

const USAGE = `
Usage: npm run refresh -- --input <path> [--input <path>] [options]

Starts the refreshWarehouse workflow on the cluster in TEMPORAL_ADDRESS (or the local dev server on
127.0.0.1:7233) and, unless --no-wait, follows it and prints the run summary. Workers
(npm run worker) do the work; paths must be readable by them.

Options:
  --input <path>      input file or folder, repeatable (required)
  --output <dir>      output folder as the workers see it (default: output)
  --warehouse <name>  warehouse name (default: online-retail)
  --incremental       add only files the last published warehouse has not loaded (default: full rebuild)
  --no-wait           return once the refresh has started
  -h, --help          show this help
`;

runMain(async () => {
  const args = parseCli(USAGE, {
    ...REFRESH_FLAGS,
    'no-wait': { type: 'boolean', default: false },
  });
  if (!args.input?.length) throw new UsageError('--input is required (see --help)');
  const settings = loadTemporalSettings();
  const { client, connection } = await connectClient(operationsEndpoint(settings));
  try {
    const handle = await startRefresh(client, settings.taskQueue, {
      warehouse: args.warehouse,
      inputPaths: args.input.map((p) => resolve(p)),
      outputDir: resolve(args.output),
      options: refreshOptions(args),
    });
    console.log(`started ${handle.workflowId} (run ${handle.firstExecutionRunId})`);
    const warning = await noWorkerWarning(client, settings.taskQueue, handle.workflowId);
    if (warning) console.error(warning);
    if (args['no-wait']) return;
    const result = waitForResult<RefreshResult>(handle, (line) => console.log(line));
    await followProgress(handle, result, (line) => console.log(line));
    console.log(`\n${formatSummary(await result)}`);
  } finally {
    await connection.close();
  }
});
