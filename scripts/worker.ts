/** A long-lived worker: runs refresh workflows and their activities from the task queue until stopped. */
import { loadTemporalSettings, describeSettings } from '../schemas/config.js';
import { connectWorker, operationsEndpoint } from '../runtime/connect.js';
import { createRefreshWorker } from '../runtime/worker.js';
import { parseCli, runMain } from './cli.js';

const USAGE = `
Usage: npm run worker -- [--max-activities <n>]

Polls the task queue (TEMPORAL_TASK_QUEUE, default warehouse-refresh) of the cluster in
TEMPORAL_ADDRESS, or of the local dev server on 127.0.0.1:7233 (npm run dev-server), and runs
refreshes until Ctrl+C or SIGTERM. Start more workers, here or on other machines, to share the load.

Options:
  --max-activities <n>  activities this worker runs at once (default 2; one per warehouse refresh)
  -h, --help            show this help
`;

runMain(async () => {
  const args = parseCli(USAGE, { 'max-activities': { type: 'string', default: '2' } });
  const maxConcurrentActivities = Number(args['max-activities']);
  if (!Number.isInteger(maxConcurrentActivities) || maxConcurrentActivities < 1) throw new Error('--max-activities must be a whole number >= 1');
  const settings = loadTemporalSettings();
  const endpoint = operationsEndpoint(settings);
  const connection = await connectWorker(endpoint);
  const worker = await createRefreshWorker({ connection, namespace: endpoint.namespace, taskQueue: settings.taskQueue, maxConcurrentActivities });
  console.log(`worker polling task queue "${settings.taskQueue}" on ${settings.cluster ? describeSettings(settings) : endpoint.address}`);
  await worker.run(); // the SDK shuts the worker down gracefully on SIGINT and SIGTERM
  await connection.close();
});
