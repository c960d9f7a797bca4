import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { tempDir } from '../../runtime/temp-dir.js';
import { command } from '../helpers/command.js';
import { warehouseLayout } from '../../warehouse/layout.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('the main command (npm start) on the default input', () => {
  it('starts a dev server, runs the refresh, prints the summary and where results are, exits 0', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TEMPORAL_')));
    const result = spawnSync(...command('start', ['--output', dir.path]), {
      cwd: dir.path,
      env,
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const out = result.stdout;
    for (const step of ['extract', 'validate', 'transform', 'model', 'publish']) expect(out).toMatch(new RegExp(`✓ ${step}`));
    expect(out).toMatch(/Refresh \S+ of warehouse "online-retail" completed in \d+\.\d s\./);
    // The business figures come first; each step's line shows its time, the worker's peak memory and how many tables it wrote.
    expect(out).toMatch(/^ {2}Revenue: +£[\d,]+\.\d\d net of cancellations/m);
    expect(out).toMatch(/^ {2}extract +\d+\.\d s +[\d,]+ MB +[\d,]+ +[\d,]+ +3$/m);
    expect(out).toMatch(/Temporal Web UI:\n +http:\/\/127\.0\.0\.1:\d+\/namespaces\/default\/workflows\/refresh-online-retail/);
    const summary = out.slice(out.indexOf('Refresh '));
    expect(Math.max(...summary.split('\n').map((l) => l.length)), 'the summary fits 100 columns').toBeLessThanOrEqual(100);
    const layout = warehouseLayout(dir.path, 'online-retail');
    // Paths inside the working folder are shown relative to it.
    expect(out).toContain('published (Parquet, Excel, dashboard):\n    online-retail/published/current/');
    for (const file of ['dashboard.html', 'workbook.xlsx', 'fact_invoice_line.parquet']) expect(existsSync(join(layout.currentLink, file)), file).toBe(true);
    const manifest = JSON.parse(readFileSync(join(layout.currentLink, 'manifest.json'), 'utf8'));
    expect(manifest.tables.length).toBeGreaterThan(3);
    // The dev server's history survives in a SQLite file under the output folder.
    expect(existsSync(join(dir.path, 'temporal', 'history.sqlite'))).toBe(true);
  });
});
