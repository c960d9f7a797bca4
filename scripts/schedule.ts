/** Manages the Temporal Schedule that refreshes a warehouse: create, pause, unpause, trigger, delete, describe. */
import { resolve } from 'node:path';

import { loadTemporalSettings } from '../schemas/config.js';
import { connectClient, operationsEndpoint } from '../runtime/connect.js';
import { createRefreshSchedule, OVERLAP_POLICIES, refreshScheduleId, triggerRefreshSchedule } from '../runtime/schedules.js';
import { refreshOptions } from './refresh-flags.js';
import { parseCli, runMain, UsageError } from './cli.js';

const ACTIONS = ['create', 'pause', 'unpause', 'trigger', 'delete', 'describe'] as const;
type Action = (typeof ACTIONS)[number];

const USAGE = `
Usage: npm run schedule -- <${ACTIONS.join('|')}> --warehouse <name> [options]

  create    --input <path> [--input <path>] [--output <dir>] (--every <30m|6h|1d> | --cron "<expr>")
            [--overlap <${OVERLAP_POLICIES.join('|')}>]   (default overlap: skip)
            [--incremental]   each run adds only files not loaded yet (e.g. a drop folder)
  pause     [--note <text>]
  unpause   [--note <text>]
  trigger   start a refresh now (the overlap policy still applies)
  delete
  describe  print the schedule's state and next start times

Workers (npm run worker) must be running on the same task queue. Schedules live on the cluster in
TEMPORAL_ADDRESS, or the local dev server on 127.0.0.1:7233.
`;

runMain(async () => {
  const [action, ...rest] = process.argv.slice(2);
  if (action === '--help' || action === '-h' || action === undefined) {
    console.log(USAGE.trim());
    return;
  }
  if (!ACTIONS.includes(action as Action)) throw new UsageError(`unknown action "${action}"; one of ${ACTIONS.join(', ')}`);
  const args = parseCli(
    USAGE,
    {
      warehouse: { type: 'string' },
      input: { type: 'string', multiple: true },
      output: { type: 'string', default: 'output' },
      every: { type: 'string' },
      cron: { type: 'string' },
      overlap: { type: 'string', default: 'skip' },
      note: { type: 'string' },
      incremental: { type: 'boolean', default: false },
    },
    rest,
  );
  if (!args.warehouse) throw new UsageError('--warehouse is required (see --help)');
  const settings = loadTemporalSettings();
  const { client, connection } = await connectClient(operationsEndpoint(settings));
  try {
    const scheduleId = refreshScheduleId(args.warehouse);
    if (action === 'create') {
      if (!args.input?.length) throw new UsageError('create needs --input');
      await createRefreshSchedule(
        client,
        settings.taskQueue,
        {
          warehouse: args.warehouse,
          inputPaths: args.input.map((p) => resolve(p)),
          outputDir: resolve(args.output),
          options: refreshOptions(args),
        },
        { every: args.every, cron: args.cron, overlap: args.overlap as (typeof OVERLAP_POLICIES)[number] },
      );
      console.log(`created schedule ${scheduleId}`);
      return;
    }
    const handle = client.schedule.getHandle(scheduleId);
    if (action === 'pause') await handle.pause(args.note);
    if (action === 'unpause') await handle.unpause(args.note);
    if (action === 'trigger') await triggerRefreshSchedule(handle);
    if (action === 'delete') await handle.delete();
    if (action === 'describe') {
      const d = await handle.describe();
      console.log(
        JSON.stringify(
          { scheduleId, paused: d.state.paused, note: d.state.note, overlap: d.policies.overlap, nextActionTimes: d.info.nextActionTimes, recentActions: d.info.recentActions.length },
          null,
          2,
        ),
      );
      return;
    }
    console.log(`${action}: done for schedule ${scheduleId}`);
  } finally {
    await connection.close();
  }
});
