/**
 * The whole refresh in one command: a local Temporal dev server (or the configured cluster), a worker
 * in this process, and the `refreshWarehouse` workflow on the given input (default: a generated sample).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { loadTemporalSettings } from '../schemas/config.js';
import { installSdkLogging } from '../runtime/logging.js';
import { checkPaths } from '../runtime/check-paths.js';
import { openTemporal, runRefreshInProcess } from '../runtime/local-refresh.js';
import { formatSummary } from '../runtime/summary.js';
import { REFRESH_FLAGS, refreshOptions } from './refresh-flags.js';
import { parseCli, runMain } from './cli.js';
import { DEFAULT_SAMPLE_PATH, writeSampleCsv } from './sample/sample-lines.js';

const USAGE = `
Usage: npm start -- [options]

Runs a whole warehouse refresh (extract, validate, transform, model, publish) through Temporal and
prints where the results are. Without TEMPORAL_ADDRESS it starts a local Temporal dev server whose
history is kept in <output>/temporal/history.sqlite.

Options:
  --input <path>      sales lines: a CSV (plain or .gz), an .xlsx, or a folder of them; repeatable.
                      Default: a generated sample (${DEFAULT_SAMPLE_PATH}).
  --output <dir>      output folder (default: output)
  --warehouse <name>  warehouse name (default: online-retail)
  --incremental       start from the last published warehouse and read only files it has not loaded
                      (same content hash); without it, a full rebuild from the given files
  --keep-ui           keep the dev server and its Web UI running after the refresh, until Ctrl+C
  -h, --help          show this help
`;

runMain(async () => {
  const args = parseCli(USAGE, {
    ...REFRESH_FLAGS,
    'keep-ui': { type: 'boolean', default: false },
  });
  const settings = loadTemporalSettings();
  // This command prints its own progress and errors; the SDK's worker log would only repeat them.
  installSdkLogging('ERROR');
  let inputs = args.input ?? [];
  if (inputs.length === 0) {
    if (!existsSync(DEFAULT_SAMPLE_PATH)) {
      const rows = writeSampleCsv(DEFAULT_SAMPLE_PATH);
      console.log(`Generated a sample of ${rows.toLocaleString('en-GB')} sales lines in ${DEFAULT_SAMPLE_PATH}`);
    }
    inputs = [DEFAULT_SAMPLE_PATH];
  }
  const { inputPaths, outputDir } = checkPaths(inputs, args.output);

  const session = await openTemporal({ settings, outputDir });
  console.log(`Temporal: ${session.where}`);
  try {
    const run = await runRefreshInProcess(session, { warehouse: args.warehouse, inputPaths, outputDir: resolve(outputDir), options: refreshOptions(args) }, (line) =>
      console.log(line),
    );
    console.log(`\n${formatSummary(run.result, { workflowUrl: run.workflowUrl, totalMs: run.totalMs })}`);
    if (args['keep-ui'] && session.uiUrl) {
      console.log(`\nThe Web UI stays up at ${session.uiUrl} — press Ctrl+C to stop.`);
      await new Promise<void>((done) => process.once('SIGINT', () => done()));
    } else if (session.ownsServer) {
      console.log(`\nThe dev server stops with this command; its history stays in:\n  ${join(outputDir, 'temporal', 'history.sqlite')}`);
      console.log(`To browse it in the Web UI later (or rerun with --keep-ui):\n  npm run dev-server -- --output ${args.output}`);
    }
  } finally {
    await session.close();
  }
});
