import { join, resolve } from 'node:path';

import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';

import type { Activities } from '../activities/index.js';
import { describeSettings, type TemporalSettings } from '../schemas/config.js';
import type { RefreshInput, RefreshResult } from '../schemas/workflow.js';
import { connectClient, connectWorker, endpointFor, LOCAL_ADDRESS, LOCAL_UI_URL } from './connect.js';
import { answers, startDevServer, type DevServer } from './dev-server.js';
import { followProgress, waitForResult } from './progress.js';
import { startRefresh, workflowUrl } from './start-refresh.js';

export interface TemporalSession {
  client: Client;
  workerConnection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** Web UI base URL when we know it (local dev server). */
  uiUrl?: string;
  /** Human-readable description of where Temporal runs. */
  where: string;
  /** True when this session started the dev server (it stops with the session). */
  ownsServer: boolean;
  close(): Promise<void>;
}

export interface SessionOptions {
  settings: TemporalSettings;
  /** Output folder: the local dev server keeps its history in a SQLite file under it. */
  outputDir: string;
  uiPort?: number | false;
  port?: number;
}

/**
 * Connects to the configured cluster, or, with no TEMPORAL_ADDRESS, to a local dev server: one
 * already answering on 127.0.0.1:7233 (e.g. `npm run dev-server`), else one started for this command.
 */
export async function openTemporal(options: SessionOptions): Promise<TemporalSession> {
  const { settings } = options;
  // The worker's modules (DuckDB, the activities, the SDK's worker) load while the dev server starts.
  void loadWorkerModule().catch(() => undefined);
  let server: DevServer | undefined;
  let localAddress: string | undefined;
  let uiUrl: string | undefined;
  let where = describeSettings(settings);
  if (!settings.cluster) {
    if (options.port === undefined && (await answers(LOCAL_ADDRESS, settings.namespace))) {
      localAddress = LOCAL_ADDRESS;
      uiUrl = LOCAL_UI_URL;
      where = `the Temporal dev server already running on ${LOCAL_ADDRESS}`;
    } else {
      const temporalDir = join(resolve(options.outputDir), 'temporal');
      server = await startDevServer({
        cliPath: settings.cliPath,
        port: options.port,
        uiPort: options.uiPort,
        dbFile: join(temporalDir, 'history.sqlite'),
        logFile: join(temporalDir, 'dev-server.log'),
        namespace: settings.namespace,
      });
      localAddress = server.address;
      uiUrl = server.uiUrl;
      // The binary's path goes on a line of its own: with it, the line outgrew a 100-column terminal.
      where = `local Temporal dev server on ${server.address}\n  binary: ${server.source}`;
    }
  }
  const endpoint = endpointFor(settings, localAddress);
  const { client, connection } = await connectClient(endpoint);
  const workerConnection = await connectWorker(endpoint);
  return {
    client,
    workerConnection,
    namespace: endpoint.namespace,
    taskQueue: settings.taskQueue,
    uiUrl,
    where,
    ownsServer: Boolean(server),
    async close() {
      await workerConnection.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
      await server?.stop();
    },
  };
}

export interface RefreshRun {
  result: RefreshResult;
  workflowId: string;
  runId: string;
  workflowUrl?: string;
  totalMs: number;
}

/**
 * Runs one refresh with a worker in this process and reports progress as it goes.
 * The worker stops when the workflow completes or fails.
 */
export async function runRefreshInProcess(
  session: TemporalSession,
  input: RefreshInput,
  report: (line: string) => void = () => undefined,
  activities?: Activities,
): Promise<RefreshRun> {
  const started = performance.now();
  const { createRefreshWorker } = await loadWorkerModule();
  const worker = await createRefreshWorker({
    connection: session.workerConnection,
    namespace: session.namespace,
    taskQueue: session.taskQueue,
    activities,
  });
  const run = async (): Promise<RefreshRun> => {
    const handle = await startRefresh(session.client, session.taskQueue, input);
    const url = session.uiUrl ? workflowUrl(session.uiUrl, session.namespace, handle.workflowId) : undefined;
    if (url) report(`Temporal Web UI: ${url}`);
    const result = waitForResult<RefreshResult>(handle, report);
    await followProgress(handle, result, report);
    return {
      result: await result,
      workflowId: handle.workflowId,
      runId: handle.firstExecutionRunId,
      workflowUrl: url,
      totalMs: Math.round(performance.now() - started),
    };
  };
  return worker.runUntil(run());
}

/** Loaded on first use, not at import: see openTemporal. */
function loadWorkerModule() {
  return import('./worker.js');
}
