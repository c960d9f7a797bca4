import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { createActivities } from '../../activities/index.js';
import { stepInput } from '../../activities/run-directly.js';
import { tempDir } from '../../runtime/temp-dir.js';
import { attemptFile, claimAttempt } from '../../warehouse/attempt-claim.js';
import { refreshLayout } from '../../warehouse/layout.js';
import { writeSmallInput } from '../helpers/small-input.js';

const dir = tempDir();
afterAll(() => dir.cleanup());
const activities = createActivities();

function input(refreshId: string) {
  return stepInput({ refreshId, warehouse: 'shop', inputPaths: [writeSmallInput(dir.path)], outputDir: join(dir.path, 'out') });
}

/** Another process that claims the run as a step attempt would, renews the claim, and exits after `ms` without removing it (as a killed worker leaves it). */
function holder(runDir: string, ms: number) {
  mkdirSync(runDir, { recursive: true });
  const script = `
    const { writeFileSync, utimesSync } = require('node:fs');
    const file = ${JSON.stringify(attemptFile(runDir))};
    writeFileSync(file, JSON.stringify({ step: 'extract', attempt: 1, host: require('node:os').hostname(), pid: process.pid }));
    const renew = setInterval(() => { const now = Date.now() / 1000; utimesSync(file, now, now); }, 300);
    console.log('claimed');
    setTimeout(() => { clearInterval(renew); process.exit(0); }, ${ms});`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const claimed = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  const exited = new Promise<number>((resolve) => child.once('exit', () => resolve(Date.now())));
  return { claimed, exited };
}

describe('a step attempt waits for an earlier attempt of the same run in another process', () => {
  it('starts only once the other process, which still renews its claim, has ended', async () => {
    const run = input('held');
    const runDir = refreshLayout(run.outputDir, run.warehouse, run.refreshId).runDir as string;
    const other = holder(runDir, 2500);
    await other.claimed;
    const result = await activities.extract(run);
    const finishedAt = Date.now();
    expect(finishedAt).toBeGreaterThan(await other.exited);
    expect(result.rowsOut).toBeGreaterThan(0);
    expect(existsSync(attemptFile(runDir)), 'the step gives its claim up when it ends').toBe(false);
  });

  it('does not wait for a claim whose process is gone, nor for one nobody renewed', async () => {
    const gone = input('gone');
    const goneDir = refreshLayout(gone.outputDir, gone.warehouse, gone.refreshId).runDir as string;
    const other = holder(goneDir, 0);
    await other.exited;
    expect(existsSync(attemptFile(goneDir))).toBe(true);
    const messages: string[] = [];
    await claimAttempt(goneDir, { step: 'extract', attempt: 2 }, (m) => messages.push(m), { timeoutMs: 0 });
    expect(messages).toEqual([]);

    const stale = join(dir.path, 'stale-run');
    mkdirSync(stale, { recursive: true });
    writeFileSync(attemptFile(stale), JSON.stringify({ step: 'model', attempt: 1, host: 'another-host', pid: 1 }));
    const old = (Date.now() - 11_000) / 1000;
    utimesSync(attemptFile(stale), old, old);
    await claimAttempt(stale, { step: 'model', attempt: 2 }, (m) => messages.push(m), { timeoutMs: 0 });
    expect(messages).toEqual([]);
  });

  it('names the holder on another host while it renews, and gives up after its timeout', async () => {
    const busy = join(dir.path, 'busy-run');
    mkdirSync(busy, { recursive: true });
    writeFileSync(attemptFile(busy), JSON.stringify({ step: 'model', attempt: 1, host: `${hostname()}-other`, pid: 4242 }));
    const messages: string[] = [];
    await expect(claimAttempt(busy, { step: 'model', attempt: 2 }, (m) => messages.push(m), { timeoutMs: 1500 })).rejects.toThrow(
      /still in use by attempt 1 of model on host .*-other, pid 4242 \(renewed \d+ s ago\); this attempt gave up waiting/,
    );
    expect(messages[0]).toMatch(/^waiting for attempt 1 of model on host .*-other, pid 4242/);
  });
});
