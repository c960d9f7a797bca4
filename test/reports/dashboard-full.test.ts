import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_WRITERS } from '../../activities/publish.js';
import { withDatabase } from '../../warehouse/db.js';
import { runPipeline, type PipelineRun } from '../publish/pipeline.js';

// The dashboard as an analyst gets it from the whole Online Retail data set (541,909 lines): one real
// publish (Parquet and the dashboard; the workbook is tested on its own) serves every check below.
const HERE = dirname(fileURLToPath(import.meta.url));
const FULL_DATA = resolve(HERE, '../../../shared/data/online_retail.csv.gz');
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve(HERE, '../../test-artifacts/full-data');
const TABS = ['overview', 'countries', 'products', 'customers', 'churn', 'campaigns', 'forecasts', 'quality'];
/** Time to the first tab drawn, on a shared two-core machine; the budget is 1.5 s, this guard catches a real regression. */
const RENDER_GUARD_MS = 5_000;

let run: PipelineRun;
let html: string;
let browser: Browser;
const metrics: Record<string, number> = {};

beforeAll(async () => {
  run = await runPipeline({ input: FULL_DATA, writers: DEFAULT_WRITERS.filter((w) => w.file === 'dashboard.html') });
  html = join(run.layout.publishedRoot, 'current', 'dashboard.html');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (Object.keys(metrics).length) writeFileSync(join(ARTIFACTS, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
});

async function open(width: number, height: number): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('blob:')) errors.push(`request to ${r.url()}`);
  });
  await page.goto(`file://${html}`);
  await page.waitForSelector('body[data-rendered="true"]', { timeout: 20_000 });
  return { page, errors, close: () => context.close() };
}

describe.skipIf(!existsSync(FULL_DATA) || !existsSync(CHROMIUM))('the dashboard on the full data set, in headless Chromium', () => {
  it('is one file under 2 MB', () => {
    metrics.fileBytes = statSync(html).size;
    expect(metrics.fileBytes).toBeLessThan(2_000_000);
  });

  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    it(`renders every section at ${width} px: no console error, no sideways scrolling, charts drawn, tables filled`, { timeout: 120_000 }, async () => {
      const { page, errors, close } = await open(width, height);
      try {
        metrics[`firstRenderMs${width}`] = Number(await page.getAttribute('body', 'data-rendered-ms'));
        expect(metrics[`firstRenderMs${width}`]).toBeLessThan(RENDER_GUARD_MS);
        for (const tab of TABS) {
          await page.click(`#tab-${tab}`);
          const section = page.locator(`#section-${tab}`);
          expect(await section.isVisible(), `${tab} is shown`).toBe(true);
          expect(await section.locator('.card, .kpi').count(), `${tab} has cards`).toBeGreaterThan(0);
          for (const c of await section.locator('.chart').evaluateAll((els) => els.map((e) => ({ id: e.id, shapes: e.querySelectorAll('svg path').length })))) {
            expect(c.shapes, `${c.id} draws shapes`).toBeGreaterThan(2);
          }
          for (const t of await section.locator('.table-card').evaluateAll((els) => els.map((e) => ({ id: e.id, rows: e.querySelectorAll('tbody tr').length })))) {
            expect(t.rows, `${t.id} has rows`).toBeGreaterThan(0);
          }
          expect(await page.$eval('html', (e) => e.scrollWidth - e.clientWidth), `${tab} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
          await page.screenshot({ path: join(ARTIFACTS, `dashboard-${width}-${tab}.png`), fullPage: false });
        }
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  it('draws the world map; a country filter changes the cards that follow it; a CSV download holds the rows shown', { timeout: 120_000 }, async () => {
    const { page, errors, close } = await open(1440, 900);
    try {
      await page.click('#tab-countries');
      expect(await page.$$eval('#chart-map svg path', (p) => p.length)).toBeGreaterThan(150);
      await page.click('#tab-overview');
      const net = () => page.textContent('[data-kpi="Net Revenue"] .kpi-value');
      const netAll = await net();
      const monthly = await page.locator('#chart-monthly svg').innerHTML();
      await page.selectOption('#country-filter', 'France');
      // The Net Revenue card follows the country filter (summed from the monthly country mart).
      expect(await net()).not.toBe(netAll);
      await expect.poll(() => page.locator('#chart-monthly svg').innerHTML()).not.toBe(monthly);
      expect(await page.textContent('#card-monthly .scope')).toBe('Filtered: France');

      await page.click('#tab-campaigns');
      const france = await withDatabase(run.layout.database, (db) => db.number(`select count(*) from campaign_list where country = 'France'`));
      expect(await page.getAttribute('#table-campaigns .count', 'data-rows')).toBe(String(france));
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#table-campaigns button.csv')]);
      const lines = readFileSync((await download.path()) as string, 'utf8').trimEnd().split('\r\n');
      expect(lines[0]).toMatch(/^Customer ID,Country,/);
      expect(lines.length - 1).toBe(france);
      expect(lines.slice(1).every((line) => line.split(',')[1] === 'France')).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard-1440-campaigns-france.png') });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
