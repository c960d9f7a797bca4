import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { BadInputError } from '../../schemas/errors.js';
import { checkOutputDir } from '../../runtime/output-dir.js';

function temp() {
  const root = mkdtempSync(join(tmpdir(), 'outdir-'));
  const inputDir = join(root, 'input');
  mkdirSync(inputDir);
  const inputFile = join(inputDir, 'sales.csv');
  writeFileSync(inputFile, 'x\n');
  return { root, inputDir, inputFile };
}

describe('checkOutputDir', () => {
  it('accepts a new folder beside the input and returns its absolute path', () => {
    const { root, inputFile } = temp();
    expect(checkOutputDir(join(root, 'output', 'deeper'), [inputFile])).toBe(join(root, 'output', 'deeper'));
  });

  it('rejects a file where the folder should be, or on its way', () => {
    const { root, inputFile } = temp();
    const file = join(root, 'taken');
    writeFileSync(file, '');
    expect(() => checkOutputDir(file, [inputFile])).toThrow(/output folder .*taken is a file/);
    expect(() => checkOutputDir(join(file, 'sub'), [inputFile])).toThrow(/taken is a file, not a folder/);
    expect(() => checkOutputDir(file, [inputFile])).toThrow(BadInputError);
  });

  it('rejects an output inside an input folder or equal to an input', () => {
    const { inputDir, inputFile } = temp();
    expect(() => checkOutputDir(join(inputDir, 'out'), [inputDir])).toThrow(/inside the input folder/);
    expect(() => checkOutputDir(inputDir, [inputDir])).toThrow(/is the input/);
    expect(() => checkOutputDir(inputFile, [inputFile])).toThrow(/is the input/);
  });

  it('rejects a folder it cannot write to', () => {
    // /proc refuses new entries even for root, unlike a chmod-ed folder.
    expect(() => checkOutputDir('/proc/retail-output', [])).toThrow(/is not writable/);
  });
});
