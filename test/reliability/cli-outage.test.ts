import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { createActivities, type Activities } from '../../activities/index.js';
import type { DevServer } from '../../runtime/dev-server.js';
import { PROJECT_ROOT } from '../../runtime/project.js';
import { tempDir } from '../../runtime/temp-dir.js';
import { createRefreshWorker } from '../../runtime/worker.js';
import { command } from '../helpers/command.js';
import { waitForRunningStep } from '../helpers/history.js';
import { writeSmallInput } from '../helpers/small-input.js';
import { restartableServer } from '../helpers/restartable-server.js';

// The client's own retries give up after about 20 s; the refresh command used to give up with them
// ("Failed to get Workflow execution history") during a 30 s outage. Longer on demand, e.g. 65.
const OUTAGE_MS = Number(process.env.CLI_OUTAGE_SECONDS ?? 30) * 1000;

describe('the refresh command through a server outage', () => {
  const dir = tempDir();
  const servers: DevServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
    dir.cleanup();
  });

  it(`keeps following the refresh while the dev server is down for ${OUTAGE_MS / 1000} s, then prints its summary`, { timeout: OUTAGE_MS + 150_000 }, async () => {
    const { start, first, connection, client, workerConnection } = await restartableServer(dir.path, servers);
    // The model step waits until the server is back, so the refresh is still running during the outage.
    let openGate = () => {};
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const real = createActivities();
    const activities = { ...real, model: async (input: unknown) => (await gate, real.model(input)) } as Activities;
    const worker = await createRefreshWorker({ connection: workerConnection, namespace: 'default', taskQueue: 'q-outage', activities });

    const input = writeSmallInput(dir.path);
    const cli = spawn(...command('refresh', ['--input', input, '--output', join(dir.path, 'out'), '--warehouse', 'outage']), {
      cwd: PROJECT_ROOT,
      env: { ...process.env, TEMPORAL_ADDRESS: first.address, TEMPORAL_TASK_QUEUE: 'q-outage' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    cli.stdout.on('data', (chunk) => (stdout += chunk));
    cli.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => cli.once('exit', (code) => resolve(code)));

    const code = await worker.runUntil(async () => {
      while (!stdout.includes('started refresh-outage')) {
        if (cli.exitCode !== null) throw new Error(`refresh exited early: ${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      await waitForRunningStep(client, 'refresh-outage', 'model');
      await first.stop();
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      await start();
      openGate();
      return exited;
    });
    await workerConnection.close();
    await connection.close();

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/server unreachable, still waiting/);
    expect(stdout).toMatch(/server reachable again after \d+ s/);
    expect(stdout).toMatch(/refresh .* completed|✓ publish/);
  });
});
