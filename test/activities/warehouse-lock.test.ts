import { existsSync, mkdirSync, readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

import type { ApplicationFailure } from '@temporalio/common';
import { afterAll, describe, expect, it } from 'vitest';

import { createActivities } from '../../activities/index.js';
import { publishWith } from '../../activities/publish.js';
import { stepInput as completeStepInput } from '../../activities/run-directly.js';
import { tempDir } from '../../runtime/temp-dir.js';
import { warehouseLayout } from '../../warehouse/layout.js';
import { acquireLock, lockFile, readLock, STALE_AFTER_MS } from '../../warehouse/refresh-lock.js';
import { writeSmallInput } from '../helpers/small-input.js';

const dir = tempDir();
afterAll(() => dir.cleanup());
const activities = createActivities();

function stepInput(outputDir: string, refreshId: string) {
  return completeStepInput({ refreshId, warehouse: 'shop', inputPaths: [writeSmallInput(dir.path)], outputDir, options: { keepRuns: 1 } });
}

async function buildUpToModel(input: ReturnType<typeof stepInput>) {
  for (const step of ['extract', 'validate', 'transform', 'model'] as const) await activities[step](input);
}

describe('a warehouse is locked on disk by its running refresh', () => {
  const outputDir = join(dir.path, 'out');
  const layout = warehouseLayout(outputDir, 'shop');

  it('a second refresh can neither build, publish nor prune while the first one runs', async () => {
    await buildUpToModel(stepInput(outputDir, 'first'));
    // A refresh run by a worker holds the lock from its first step until publish; steps called
    // directly hold it only while they run, so here the test takes it as the worker's refresh would.
    expect(readLock(layout.root)).toBeUndefined();
    mkdirSync(layout.root, { recursive: true });
    acquireLock(layout.root, { refreshId: 'first', workflowId: 'refresh-shop', namespace: 'other' });

    for (const step of ['extract', 'publish'] as const) {
      const error = (await activities[step](stepInput(outputDir, 'second')).catch((err: unknown) => err)) as ApplicationFailure;
      expect(error.type, step).toBe('WarehouseBusy');
      expect(error.nonRetryable).toBe(true);
      expect(error.message).toMatch(/is held by refresh first \(workflow refresh-shop, namespace other, host .*, pid \d+, renewed \d+ s ago\); wait for it to end .* npm run reset -- --warehouse shop$/);
    }
    expect(readdirSync(layout.runsDir)).toEqual(['first']); // the second never started a run folder
    expect(existsSync(layout.currentLink)).toBe(false);

    // The first refresh publishes and lets go; now the second may run, and its prune may remove the first's folders.
    await publishWith(stepInput(outputDir, 'first'), []);
    expect(existsSync(lockFile(layout.root))).toBe(false); // publish was the first refresh's last write
    await buildUpToModel(stepInput(outputDir, 'second'));
    await publishWith(stepInput(outputDir, 'second'), []);
    expect(readdirSync(layout.runsDir)).toEqual(['second']); // keepRuns 1: the first ended, so it may go
  });

  it('a lock its holder stopped renewing is taken over', async () => {
    const out = join(dir.path, 'stale');
    const staleLayout = warehouseLayout(out, 'shop');
    mkdirSync(staleLayout.root, { recursive: true });
    acquireLock(staleLayout.root, { refreshId: 'gone' });
    const long = (Date.now() - STALE_AFTER_MS - 1000) / 1000;
    utimesSync(lockFile(staleLayout.root), long, long); // as if its worker died that long ago
    await expect(activities.extract(stepInput(out, 'next'))).resolves.toMatchObject({ step: 'extract' });
    expect(readLock(staleLayout.root)).toBeUndefined(); // taken over, then let go when the direct step ended
  });
});
