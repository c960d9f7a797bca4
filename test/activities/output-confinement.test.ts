import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

import { ApplicationFailure } from '@temporalio/common';
import { afterAll, describe, expect, it } from 'vitest';

import { createActivities } from '../../activities/index.js';
import { REFRESH_DEFAULTS } from '../../schemas/steps.js';
import { tempDir } from '../../runtime/temp-dir.js';
import { writeSmallInput } from '../helpers/small-input.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

/** Not checked here: the names are hostile on purpose, and the activity must refuse them itself. */
function stepInput(outputDir: string, warehouse: string, refreshId = 'r1') {
  return { refreshId, warehouse, inputPaths: [writeSmallInput(dir.path)], outputDir, options: REFRESH_DEFAULTS };
}

describe('writes stay inside the output folder', () => {
  it('refuses a warehouse folder that is a symbolic link to somewhere else', async () => {
    const output = join(dir.path, 'out');
    const elsewhere = join(dir.path, 'elsewhere');
    mkdirSync(output, { recursive: true });
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(output, 'shop'));
    const error = await createActivities().extract(stepInput(output, 'shop')).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect((error as ApplicationFailure).type).toBe('BadInput');
    expect((error as ApplicationFailure).nonRetryable).toBe(true);
    expect((error as Error).message).toMatch(/leads outside the output folder .* \(through a symbolic link to .*elsewhere\)/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('refuses names that could climb out of it', async () => {
    const output = join(dir.path, 'out2');
    for (const [warehouse, refreshId] of [['../x', 'r1'], ['shop', '../../x'], ['shop', 'a/b']]) {
      const error = await createActivities().extract(stepInput(output, warehouse!, refreshId)).catch((err: unknown) => err);
      expect((error as ApplicationFailure).type, `${warehouse} ${refreshId}`).toBe('BadInput');
    }
    expect(existsSync(join(dir.path, 'x'))).toBe(false);
  });
});
