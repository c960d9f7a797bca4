import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

import { Connection } from '@temporalio/client';

import { freePort, preferPort } from './ports.js';
import { findTemporalCli, HOW_TO_GET_TEMPORAL, type BinaryChoice } from './temporal-binary.js';

export interface DevServerOptions {
  /** Explicit path to the `temporal` CLI (TEMPORAL_CLI_PATH). */
  cliPath?: string;
  /** gRPC port; default 7233 when free, else any free port; 0 for any free port. */
  port?: number;
  /** Web UI port; default 8233 when free, else any free port; `false` for no UI. */
  uiPort?: number | false;
  /** SQLite file that keeps the server's history across restarts; in memory when omitted. */
  dbFile?: string;
  /** Where the server's own log goes; discarded when omitted. */
  logFile?: string;
  namespace?: string;
  /** Whether the SDK may download a CLI when none is installed (for online users only). */
  allowDownload?: boolean;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  /** Where the binary came from, for the run summary. */
  source: string;
  /** The child process, when we started the binary ourselves (tests use it to kill the server). */
  process?: ChildProcess;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
/** Temporal's usual ports for the dev server and its Web UI. */
export const DEFAULT_PORT = 7233;
export const DEFAULT_UI_PORT = 8233;

/**
 * Starts a local Temporal dev server on 127.0.0.1 and waits until it answers. Uses an installed CLI;
 * only when there is none does it let the SDK download one, and if that fails too it says how to get one.
 */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const binary = findTemporalCli(options.cliPath);
  if (binary) return startFromBinary(binary, options);
  if (options.allowDownload === false) throw new Error(HOW_TO_GET_TEMPORAL);
  try {
    return await startWithSdkDownload(options);
  } catch (err) {
    throw new Error(`${HOW_TO_GET_TEMPORAL}\n(the SDK's own download failed too: ${(err as Error).message.split('\n')[0]})`);
  }
}

async function startFromBinary(binary: BinaryChoice, options: DevServerOptions): Promise<DevServer> {
  const { port, uiPort } = await choosePorts(options);
  const args = ['server', 'start-dev', '--ip', HOST, '--port', String(port), '--log-level', 'warn'];
  // Fixed ports for the HTTP API and metrics too: their random defaults can collide between servers.
  args.push('--http-port', String(await freePort()), '--metrics-port', String(await freePort()));
  args.push('--namespace', options.namespace ?? 'default');
  if (uiPort) args.push('--ui-ip', HOST, '--ui-port', String(uiPort), '--ui-disable-news-fetch');
  else args.push('--headless');
  if (options.dbFile) {
    mkdirSync(dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }

  const child = spawn(binary.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  watchOverServer(child);
  let output = '';
  const log = options.logFile ? (mkdirSync(dirname(options.logFile), { recursive: true }), createWriteStream(options.logFile, { flags: 'a' })) : undefined;
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
    log?.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited: number | null | undefined;
  child.once('exit', (code) => {
    exited = code;
    log?.end();
  });
  child.once('error', (err) => {
    exited = -1;
    output += err.message;
  });

  const address = `${HOST}:${port}`;
  const deadline = Date.now() + 60_000;
  while (true) {
    if (exited !== undefined) {
      throw new Error(`the Temporal dev server (${binary.path}) exited with code ${exited}: ${lastLine(output)}`);
    }
    if (await answers(address)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the Temporal dev server did not answer on ${address} within 60 s: ${lastLine(output)}`);
    }
    await sleep(50);
  }

  return {
    address,
    uiUrl: uiPort ? `http://${HOST}:${uiPort}` : undefined,
    source: `${binary.path} (from ${binary.source})`,
    process: child,
    async stop() {
      if (exited !== undefined) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/**
 * A dev server started by a command must not outlive it, even when the command is killed or crashes
 * (then no exit handler runs). The Go binary cannot watch its parent, so a small watchdog process
 * does: its stdin is a pipe from this process, which the kernel closes when this process ends, and
 * then it stops the server (SIGTERM, SIGKILL after 10 s). It ends by itself when the server does.
 */
function watchOverServer(server: ChildProcess): void {
  if (!server.pid) return;
  const watchdog = spawn(process.execPath, [fileURLToPath(new URL('./dev-server-watchdog.mjs', import.meta.url)), String(server.pid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void }).unref?.();
  watchdog.on('error', () => undefined);
}

async function startWithSdkDownload(options: DevServerOptions): Promise<DevServer> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const { port, uiPort } = await choosePorts(options);
  const env = await TestWorkflowEnvironment.createLocal({
    server: { ip: HOST, port, ui: Boolean(uiPort), uiPort, dbFilename: options.dbFile, namespace: options.namespace },
  });
  return {
    address: env.address,
    uiUrl: uiPort ? `http://${HOST}:${uiPort}` : undefined,
    source: 'downloaded by the Temporal SDK',
    stop: () => env.teardown(),
  };
}

/** True when a Temporal frontend answers on the address (a TCP listener alone is not enough). */
export async function answers(address: string, namespace = 'default'): Promise<boolean> {
  // A refused TCP connection answers at once; the gRPC client would retry it until its timeout (1 s
  // each time: a second lost at every start that finds no server, and per poll while one starts).
  if (!(await listening(address))) return false;
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: '1s' });
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

/** True when something accepts TCP connections on host:port. */
function listening(address: string): Promise<boolean> {
  const at = address.lastIndexOf(':');
  return new Promise((resolve) => {
    const socket = createConnection({ host: address.slice(0, at), port: Number(address.slice(at + 1)) });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The gRPC and Web UI ports: as asked, else the defaults when free, else any free port. */
async function choosePorts(options: DevServerOptions): Promise<{ port: number; uiPort?: number }> {
  const port = options.port === 0 ? await freePort() : (options.port ?? (await preferPort(DEFAULT_PORT)));
  const uiPort = options.uiPort === false ? undefined : (options.uiPort ?? (await preferPort(DEFAULT_UI_PORT)));
  return { port, uiPort };
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter(Boolean);
  return lines.at(-1) ?? '(no output)';
}
