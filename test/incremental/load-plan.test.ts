import { describe, expect, it } from 'vitest';

import { planLoad, type HashedFile, type HeldSource } from '../../activities/extract/load-plan.js';

const file = (path: string, sha256: string): HashedFile => ({ path, kind: 'csv', sha256, bytes: 10 });
const held = (inputFile: string, sha256: string, loadedByRefresh = 'r1'): HeldSource => ({ inputFile, sha256, loadedByRefresh });

describe('planLoad', () => {
  it('reads new content and skips content already held, under any name', () => {
    const plan = planLoad([file('/in/b.csv', 'B'), file('/in/a.csv', 'A'), file('/in/a-renamed.csv', 'A')], [held('/in/a.csv', 'A')], 'r2');
    expect(plan.replaced).toEqual([]);
    expect(plan.decisions.map((d) => [d.file.path, d.status, d.loadedInputFile, d.loadedByRefresh])).toEqual([
      ['/in/a-renamed.csv', 'skipped_already_loaded', '/in/a.csv', 'r1'],
      ['/in/a.csv', 'skipped_already_loaded', '/in/a.csv', 'r1'],
      ['/in/b.csv', 'loaded', null, null],
    ]);
  });

  it('reads the first of two files with the same content (path order) and skips the other', () => {
    const plan = planLoad([file('/in/z.csv', 'X'), file('/in/m.csv', 'X')], [], 'r1');
    expect(plan.decisions.map((d) => [d.file.path, d.status, d.loadedInputFile])).toEqual([
      ['/in/m.csv', 'loaded', null],
      ['/in/z.csv', 'skipped_same_content', '/in/m.csv'],
    ]);
  });

  it('reads a path again when its content changed, dropping what it held, as a full rebuild would', () => {
    const plan = planLoad([file('/in/a.csv', 'A2')], [held('/in/a.csv', 'A1'), held('/in/b.csv', 'B')], 'r2');
    expect(plan.replaced).toEqual(['/in/a.csv']);
    expect(plan.decisions.map((d) => [d.file.path, d.status])).toEqual([['/in/a.csv', 'replaced']]);
  });

  it('does not count content as held once its path was replaced', () => {
    // a.csv used to hold A; now a.csv holds A2 and A arrives as old.csv: A is no longer in the warehouse.
    const plan = planLoad([file('/in/a.csv', 'A2'), file('/in/old.csv', 'A')], [held('/in/a.csv', 'A')], 'r2');
    expect(plan.decisions.map((d) => [d.file.path, d.status])).toEqual([
      ['/in/a.csv', 'replaced'],
      ['/in/old.csv', 'loaded'],
    ]);
  });
});
