import { Client, Connection } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';

import type { TemporalSettings } from '../schemas/config.js';
import { DEFAULT_PORT, DEFAULT_UI_PORT } from './dev-server.js';

/** Where to connect: the configured cluster, or a local dev server's address. */
export interface Endpoint {
  address: string;
  namespace: string;
  tls?: NonNullable<TemporalSettings['cluster']>['tls'];
  apiKey?: string;
}

export function endpointFor(settings: TemporalSettings, localAddress?: string): Endpoint {
  if (settings.cluster) {
    const { address, namespace, tls, apiKey } = settings.cluster;
    return { address, namespace, tls, apiKey };
  }
  if (!localAddress) throw new Error('no TEMPORAL_ADDRESS configured and no local dev server started');
  return { address: localAddress, namespace: settings.namespace };
}

/** A client for starting, querying and resetting workflows; fails with one line when nobody answers. */
export async function connectClient(endpoint: Endpoint): Promise<{ client: Client; connection: Connection }> {
  try {
    const connection = await Connection.connect({
      address: endpoint.address,
      tls: endpoint.tls,
      apiKey: endpoint.apiKey,
      connectTimeout: '10s',
    });
    return { connection, client: new Client({ connection, namespace: endpoint.namespace }) };
  } catch (err) {
    throw new Error(`Temporal at ${endpoint.address} did not answer: ${firstLine(err)}`);
  }
}

/** The worker's connection to the same endpoint. */
export async function connectWorker(endpoint: Endpoint): Promise<NativeConnection> {
  try {
    // Loaded here, not at the top: client-only commands (refresh, schedule, reset) never load the worker SDK.
    const { NativeConnection } = await import('@temporalio/worker');
    return await NativeConnection.connect({ address: endpoint.address, tls: endpoint.tls, apiKey: endpoint.apiKey });
  } catch (err) {
    throw new Error(`Temporal at ${endpoint.address} did not answer: ${firstLine(err)}`);
  }
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}

/** The local dev server address that operations commands use when no cluster is configured. */
export const LOCAL_ADDRESS = `127.0.0.1:${DEFAULT_PORT}`;
/** Its Web UI, where `npm run dev-server` puts it. */
export const LOCAL_UI_URL = `http://127.0.0.1:${DEFAULT_UI_PORT}`;

/**
 * The endpoint for operations commands (worker, refresh, schedule, reset): the configured cluster,
 * or a dev server that must already run locally (`npm run dev-server`).
 */
export function operationsEndpoint(settings: TemporalSettings): Endpoint {
  return endpointFor(settings, LOCAL_ADDRESS);
}
