import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { extract } from '../../activities/extract.js';
import { model } from '../../activities/model.js';
import { DEFAULT_WRITERS, publishWith, type PublishWriter } from '../../activities/publish.js';
import { transform } from '../../activities/transform.js';
import { validate } from '../../activities/validate.js';
import { runPipeline } from './pipeline.js';

describe('a publication that fails midway', () => {
  it('leaves the previous current run and its files intact', { timeout: 60_000 }, async () => {
    const first = await runPipeline({ refreshId: 'run-1' });
    const published = first.layout.publishedRoot;
    const manifest = JSON.parse(readFileSync(join(published, 'current', 'manifest.json'), 'utf8')) as { tables: { file: string }[] };
    const before = new Map(manifest.tables.map((t) => [t.file, readFileSync(join(published, 'current', t.file))]));

    const second = { ...first.stepInput, refreshId: 'run-2' };
    for (const step of [extract, validate, transform, model]) await step(second);
    // The workbook gets written, then the dashboard writer fails: Parquet files are already in place.
    const failing: PublishWriter[] = [DEFAULT_WRITERS[0] as PublishWriter, { file: 'dashboard.html', write: async () => Promise.reject(new Error('disk full')) }];
    await expect(publishWith(second, failing)).rejects.toThrow(/disk full/);

    expect(readlinkSync(join(published, 'current'))).toBe('run-1');
    expect(JSON.parse(readFileSync(join(published, 'current.json'), 'utf8'))).toMatchObject({ refreshId: 'run-1' });
    for (const [file, bytes] of before) expect(readFileSync(join(published, 'current', file)).equals(bytes), file).toBe(true);
    expect(existsSync(join(published, 'current', 'dashboard.html'))).toBe(true);
    expect(existsSync(join(published, 'run-2')), 'the unfinished run is removed').toBe(false);
  });
});

describe('after a publication', () => {
  it('keeps the newest runs and removes older runs and never-published working databases', { timeout: 60_000 }, async () => {
    const first = await runPipeline({ refreshId: 'run-1' });
    const { runsDir, publishedRoot } = first.layout;
    // Later refreshes of the same staged data: their working databases are copies of the first one.
    mkdirSync(join(runsDir, 'failed-run'));
    writeFileSync(join(runsDir, 'failed-run', 'work.duckdb'), 'left behind by a refresh that failed');
    for (const refreshId of ['run-2', 'run-3']) {
      mkdirSync(join(runsDir, refreshId));
      copyFileSync(first.layout.workDatabase, join(runsDir, refreshId, 'work.duckdb'));
      await publishWith({ ...first.stepInput, refreshId, options: { ...first.stepInput.options, keepRuns: 2 } }, []);
    }
    const folders = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(folders(publishedRoot)).toEqual(['run-2', 'run-3']);
    expect(folders(runsDir)).toEqual(['run-2', 'run-3']);
    expect(readlinkSync(join(publishedRoot, 'current'))).toBe('run-3');
  });
});
