/** Re-runs a refresh from a failed step after the cause is fixed, without re-running the steps before it. */
import { loadTemporalSettings } from '../schemas/config.js';
import { STEPS, type StepName } from '../schemas/steps.js';
import { connectClient, operationsEndpoint } from '../runtime/connect.js';
import { refreshWorkflowId } from '../runtime/start-refresh.js';
import { noWorkerWarning } from '../runtime/pollers.js';
import { findResetPoint, resetToStep } from '../runtime/reset.js';
import { parseCli, runMain, UsageError } from './cli.js';

const USAGE = `
Usage: npm run reset -- --warehouse <name> [--step <step>]

Resets the latest refresh of a warehouse to just before a step, so that the step and those after it
run again while earlier steps keep their results. By default the step that failed; when it failed on
bad input (fixed in the file), extract, since later steps read extract's staged copy of the input.
A worker must be running (npm run worker) to carry the refresh on. Prints the equivalent
"temporal workflow reset" command.

Options:
  --warehouse <name>  warehouse whose refresh to reset (workflow id refresh-<name>)
  --step <step>       one of ${STEPS.join(', ')} (default: the failed step, or extract after bad input)
  -h, --help          show this help
`;

runMain(async () => {
  const args = parseCli(USAGE, { warehouse: { type: 'string' }, step: { type: 'string' } });
  if (!args.warehouse) throw new UsageError('--warehouse is required (see --help)');
  if (args.step && !STEPS.includes(args.step as StepName)) throw new UsageError(`--step must be one of ${STEPS.join(', ')}`);
  const settings = loadTemporalSettings();
  const { client, connection } = await connectClient(operationsEndpoint(settings));
  try {
    const workflowId = refreshWorkflowId(args.warehouse);
    const point = await findResetPoint(client, workflowId, args.step as StepName | undefined);
    const runId = await resetToStep(client, workflowId, point, `re-run ${point.step} after a fix`);
    console.log(`reset ${workflowId} to before "${point.step}" (${point.reason}; event ${point.eventId}); new run ${runId}`);
    console.log(`same with the CLI: temporal workflow reset --workflow-id ${workflowId} --run-id ${point.runId} --event-id ${point.eventId} --reason "re-run ${point.step}"`);
    const warning = await noWorkerWarning(client, settings.taskQueue, workflowId);
    if (warning) console.error(warning);
  } finally {
    await connection.close();
  }
});
