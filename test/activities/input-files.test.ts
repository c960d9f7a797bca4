import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ApplicationFailure } from '@temporalio/common';
import { afterAll, describe, expect, it } from 'vitest';

import { createActivities } from '../../activities/index.js';
import { resolveInputFiles } from '../../activities/extract/input-files.js';
import { stepInput } from '../../activities/run-directly.js';
import { tempDir } from '../../runtime/temp-dir.js';
import { SMALL_LINES, writeSmallInput } from '../helpers/small-input.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

async function extractError(inputPaths: string[]): Promise<ApplicationFailure> {
  const outputDir = join(dir.path, `out-${Math.random().toString(36).slice(2)}`);
  const input = stepInput({ refreshId: 'r1', warehouse: 'shop', inputPaths, outputDir });
  const error = await createActivities().extract(input).then(
    () => expect.fail('extract accepted the input'),
    (err: unknown) => err as ApplicationFailure,
  );
  expect(error.type).toBe('BadInput');
  expect(error.nonRetryable).toBe(true);
  return error;
}

describe('inputs must be regular files', () => {
  it('refuses a named pipe at once, given directly or found in a folder (no writer ever opens it)', async () => {
    const folder = join(dir.path, 'with-fifo');
    mkdirSync(folder);
    const fifo = join(folder, 'sales.csv');
    execFileSync('mkfifo', [fifo]);
    expect((await extractError([fifo])).message).toBe(
      `${fifo}: is a named pipe (FIFO), not a regular file — put a .csv, .csv.gz or .xlsx file in its place, then resume with: npm run reset -- --warehouse shop`,
    );
    expect((await extractError([folder])).message).toContain(`${fifo}: is a named pipe (FIFO), not a regular file`);
  });

  it('refuses a device', async () => {
    expect((await extractError(['/dev/zero'])).message).toContain('/dev/zero: is a device, not a regular file');
  });

  it('refuses a symbolic link in an input folder that leads outside it, and never quotes what it points at', async () => {
    const folder = join(dir.path, 'with-link');
    mkdirSync(folder);
    const secret = join(dir.path, 'secret.csv');
    writeFileSync(secret, 'root:x:0:0:root:/root:/bin/bash\n');
    symlinkSync(secret, join(folder, 'passwd.csv'));
    const error = await extractError([folder]);
    expect(error.message).toContain(`${join(folder, 'passwd.csv')}: is a symbolic link that leads outside the input folder`);
    expect(error.message).not.toContain('root:x');
  });

  it('follows a symbolic link that stays inside the input folder', () => {
    const folder = join(dir.path, 'with-inner-link');
    mkdirSync(join(folder, 'archive'), { recursive: true });
    const real = writeSmallInput(join(folder, 'archive'));
    symlinkSync(real, join(folder, 'latest.csv'));
    expect(resolveInputFiles([folder]).map((f) => f.path)).toEqual([join(folder, 'latest.csv')]);
  });

  it('a rejected file is described by its known column names only, never by its data', async () => {
    const path = join(dir.path, 'no-header.csv');
    // A file whose header line is missing: its first line is a sale, and must not be echoed.
    writeFileSync(path, `${SMALL_LINES.slice(0, 3).join('\n')}\n`);
    const error = await extractError([path]);
    expect(error.message).toContain('the first line has 8 field(s), none of them a column name');
    expect(error.message).not.toMatch(/WHITE HANGING HEART|17850|536365/);
  });
});
