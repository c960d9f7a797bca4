import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { embedJson } from '../../publish/dashboard/html.js';
import { runPipeline, type PipelineRun } from './pipeline.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-artifacts');

let run: PipelineRun;
let html: string;
beforeAll(async () => {
  run = await runPipeline();
  html = join(run.layout.publishedRoot, 'current', 'dashboard.html');
}, 60_000);

describe('the dashboard file', () => {
  it('is self-contained: no external script, style, image or font', () => {
    const text = readFileSync(html, 'utf8');
    expect(text).not.toMatch(/<script[^>]+src=|<link[^>]+href=|<img[^>]+src="?https?:|url\(https?:|@import/i);
    expect(text).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('embeds data so that no value can end the script element', () => {
    const embedded = embedJson({ description: '</script><script>alert(1)</script><!--' });
    expect(embedded).not.toContain('</script');
    expect(embedded).not.toContain('<!--');
    expect(JSON.parse(embedded)).toEqual({ description: '</script><script>alert(1)</script><!--' });
  });
});

describe.skipIf(!existsSync(CHROMIUM))(`the dashboard in headless Chromium (${CHROMIUM}; install it with apt-get install -y chromium)`, () => {
  it('renders every chart and table without a console error or a network request', { timeout: 60_000 }, async () => {
    const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-profile-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
      viewport: { width: 1400, height: 900 },
    });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      await page.goto(`file://${html}`);
      await page.waitForSelector('body[data-rendered="true"]', { timeout: 10_000 });

      const charts = await page.$$eval('.chart', (els) => els.map((e) => ({ id: e.id, shapes: e.querySelectorAll('svg *').length })));
      const ids = charts.map((c) => c.id);
      const expected = ['chart-map', 'chart-monthly', 'chart-products', 'chart-accounting', 'chart-cleaning-rules', 'chart-segments', 'chart-clusters', 'chart-cohorts'];
      expected.push('chart-churn-bands', 'chart-churn', 'chart-campaign-customers', 'chart-campaign-value', 'chart-forecast');
      for (const id of expected) expect(ids).toContain(id);
      for (const c of charts) expect(c.shapes, `${c.id} draws shapes`).toBeGreaterThan(2);
      const tables = await page.$$eval('.data-table', (els) => els.map((e) => ({ id: e.id, rows: e.querySelectorAll('tbody tr').length })));
      for (const t of tables) expect(t.rows, `${t.id} has rows`).toBeGreaterThan(0);
      for (const id of ['table-countries', 'table-clusters', 'table-churn', 'table-campaigns', 'table-audit', 'table-profile', 'table-runs']) expect(tables.map((t) => t.id)).toContain(id);

      // The forecast chart redraws for one series, with its interval band.
      expect(await page.$$eval('#chart-forecast polygon.interval', (p) => p.length)).toBe(0);
      const series = await page.$$eval('#forecast-series option', (options) => options.map((o) => o.getAttribute('value') ?? '').filter(Boolean));
      await page.selectOption('#forecast-series', series[0] as string);
      expect(await page.$$eval('#chart-forecast polygon.interval', (p) => p.length)).toBe(1);
      await page.selectOption('#forecast-series', '');
      expect(await page.$$eval('.kpi', (els) => els.length)).toBeGreaterThan(4);

      // The country filter narrows the table to one country and marks its bubble.
      const countries = await page.$$eval('#table-countries tbody tr', (rows) => rows.length);
      await page.selectOption('#country-filter', 'France');
      expect(await page.$$eval('#table-countries tbody tr', (rows) => rows.map((r) => r.firstElementChild?.textContent))).toEqual(['France']);
      expect(await page.$$eval('#chart-map circle.selected', (c) => c.length)).toBe(1);
      expect(await page.textContent('#monthly-scope')).toBe('France');
      await page.selectOption('#country-filter', '');
      expect(await page.$$eval('#table-countries tbody tr', (rows) => rows.length)).toBe(countries);

      // Sorting by revenue puts the largest first after two clicks (ascending, then descending).
      const header = page.locator('#table-countries th', { hasText: 'revenue' });
      await header.click();
      await header.click();
      const revenues = await page.$$eval('#table-countries tbody tr td:nth-child(2)', (cells) => cells.map((c) => Number((c.textContent ?? '').replace(/[£,]/g, ''))));
      expect(revenues).toEqual([...revenues].sort((a, b) => b - a));

      // Hovering a bubble shows a tooltip (the smallest is drawn last, on top of the others).
      await page.locator('#chart-map circle').last().hover();
      expect(await page.isVisible('#tooltip')).toBe(true);

      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
