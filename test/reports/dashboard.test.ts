import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { dashboardData } from '../../reports/dashboard/data.js';
import { CONTENT_SECURITY_POLICY, embedJson } from '../../reports/dashboard/html.js';
import { withDatabase } from '../../warehouse/db.js';
import { PUBLISHED_TABLES } from '../../warehouse/tables.js';
import { runPipeline, type PipelineRun } from '../publish/pipeline.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-artifacts');
const TABS = ['overview', 'countries', 'products', 'customers', 'churn', 'campaigns', 'forecasts', 'quality'];

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
    expect(text).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/connect-src|https?:/);
  });

  it('stays under the 2 MB budget (chart library, map and data inline)', () => {
    expect(statSync(html).size).toBeLessThan(2_000_000);
  });

  it('takes its figures from the KPI list: monthly trends add up to the KPI, the at-risk and high-value lists are the KPIs\' customers', async () => {
    const data = await withDatabase(run.layout.database, (db) => dashboardData(db, PUBLISHED_TABLES, { refreshId: run.refreshId, warehouse: run.warehouse }));
    const kpi = (name: string) => data.kpis.find((k) => k.name === name);
    const net = kpi('Net Revenue');
    const partial = (data.monthly ?? []).filter((m) => m.partial).reduce((sum, m) => sum + m.net, 0);
    const full = (net?.trend?.values ?? []).reduce((sum, v) => sum + v, 0);
    expect(net?.trend?.values.length).toBe((data.monthly ?? []).filter((m) => !m.partial).length);
    expect(Math.abs(full + partial - (net?.value as number)) / (net?.value as number)).toBeLessThan(1e-4);
    expect(kpi('Customers at Risk')?.trend).toBeUndefined();
    expect(kpi('Customers at Risk')?.snapshot).toMatch(/no earlier period/);
    expect(data.customers?.atRisk.rows.length).toBe(kpi('Customers at Risk')?.value);
    expect(data.customers?.highValue?.rows.length).toBe(kpi('High-Value Prospects')?.value);
    // A filtered KPI card is recomputed from these sums and rows: unfiltered they give the KPI itself.
    const months = data.countryMonthly ?? [];
    const total = (field: 'net' | 'orders' | 'gross' | 'cancelled') => months.reduce((sum, m) => sum + m[field], 0);
    for (const name of ['Net Revenue', 'Total Orders', 'Average Order Value', 'Cancellation Rate']) {
      const k = kpi(name);
      const a = k?.additive;
      expect(a, name).toBeDefined();
      const value = a?.per ? total(a.sum) / total(a.per) : total(a?.sum ?? 'net');
      expect(Math.abs(value - (k?.value as number)) / (k?.value as number), name).toBeLessThan(1e-6);
    }
    expect(kpi('Total Customers')?.additive).toBeUndefined();
    const grid = data.customers?.grid;
    const stake = grid?.columns.findIndex((c) => c.key === 'revenue_at_stake') ?? -1;
    const atStake = (grid?.rows ?? []).reduce((sum: number, r) => sum + Number(r[stake] ?? 0), 0);
    expect(Math.abs(atStake - (kpi('Revenue at Stake')?.value as number))).toBeLessThan(0.01 * (grid?.rows.length ?? 0));
  });

  it('embeds data so that no value can end the script element', () => {
    const embedded = embedJson({ description: '</script><script>alert(1)</script><!--' });
    expect(embedded).not.toContain('</script');
    expect(embedded).not.toContain('<!--');
    expect(JSON.parse(embedded)).toEqual({ description: '</script><script>alert(1)</script><!--' });
  });
});

async function launch(width: number, height: number): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-profile-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    viewport: { width, height },
    acceptDownloads: true,
  });
}

/** Opens the dashboard, collecting console errors and any request that leaves the file. */
async function open(context: BrowserContext, file: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('blob:')) requests.push(r.url());
  });
  await page.goto(`file://${file}`);
  await page.waitForSelector('body[data-rendered="true"]', { timeout: 15_000 });
  return { page, errors, requests };
}

describe.skipIf(!existsSync(CHROMIUM))(`the dashboard in headless Chromium (${CHROMIUM}; install it with apt-get install -y chromium)`, () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await launch(1440, 900);
  }, 30_000);
  afterAll(async () => {
    await context?.close();
  });

  it('its content-security policy stops a script in the page from reaching a server', { timeout: 30_000 }, async () => {
    // A page script that calls a server on this machine: with the policy it is blocked, without it the server sees it.
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('ok');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const port = (server.address() as AddressInfo).port;
      const probe = `<script>document.addEventListener('securitypolicyviolation', function () { document.body.setAttribute('data-blocked', 'true'); });
        fetch('http://127.0.0.1:${port}/fetch').catch(function () {}); var i = new Image(); i.src = 'http://127.0.0.1:${port}/img';</script>`;
      const file = join(run.root, 'dashboard-probe.html');
      const page0 = readFileSync(html, 'utf8');
      const end = page0.lastIndexOf('</body>');
      writeFileSync(file, `${page0.slice(0, end)}${probe}${page0.slice(end)}`);
      const page = await context.newPage();
      await page.goto(`file://${file}`);
      await page.waitForSelector('body[data-blocked="true"]', { timeout: 10_000 });
      // The image and fetch are refused before they are sent; a round trip to the server confirms nothing came first.
      await fetch(`http://127.0.0.1:${port}/done`);
      expect(hits).toEqual(['/done']);
      await page.close();
    } finally {
      server.close();
    }
  });

  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    it(`renders every section at ${width} px without a console error, a request or horizontal scrolling`, { timeout: 60_000 }, async () => {
      const ctx = await launch(width, height);
      try {
        const { page, errors, requests } = await open(ctx, html);
        mkdirSync(ARTIFACTS, { recursive: true });
        for (const tab of TABS) {
          await page.click(`#tab-${tab}`);
          const section = page.locator(`#section-${tab}`);
          expect(await section.isVisible(), `${tab} is shown`).toBe(true);
          const cards = await section.locator('.card, .kpi').count();
          expect(cards, `${tab} has cards`).toBeGreaterThan(0);
          const charts = await section.locator('.chart').evaluateAll((els) => els.map((e) => ({ id: e.id, shapes: e.querySelectorAll('svg path').length, height: e.getBoundingClientRect().height })));
          for (const c of charts) {
            expect(c.shapes, `${c.id} draws shapes`).toBeGreaterThan(2);
            // KPI sparklines are small by design; every other chart needs room to be read.
            expect(c.height, `${c.id} has a height`).toBeGreaterThan(c.id.startsWith('spark-') ? 20 : 100);
          }
          const tables = await section.locator('.table-card').evaluateAll((els) => els.map((e) => ({ id: e.id, rows: e.querySelectorAll('tbody tr').length })));
          for (const t of tables) expect(t.rows, `${t.id} has rows`).toBeGreaterThan(0);
          const overflow = await page.$eval('html', (e) => e.scrollWidth - e.clientWidth);
          expect(overflow, `${tab} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
          await page.screenshot({ path: join(ARTIFACTS, `dashboard-${width}-${tab}.png`), fullPage: true });
        }
        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
      } finally {
        await ctx.close();
      }
    });
  }

  it('shows the period, business KPIs first, pipeline figures on the data-quality tab only', { timeout: 30_000 }, async () => {
    const { page, errors } = await open(context, html);
    expect(await page.textContent('#meta')).toMatch(/^Sales \d{1,2} [A-Z][a-z]{2} 2010 – \d{1,2} [A-Z][a-z]{2} 2011 · refreshed /);
    const names = await page.$$eval('#kpis .kpi-name', (els) => els.map((e) => e.textContent));
    expect(names.length).toBeGreaterThanOrEqual(6);
    expect(names.length).toBeLessThanOrEqual(8);
    expect(names).toContain('Net Revenue');
    expect(names).not.toContain('Rows Staged');
    await page.click('#tab-quality');
    expect(await page.$$eval('#pipeline-kpis .kpi-name', (els) => els.map((e) => e.textContent))).toContain('Rows Staged');
    // The column profile's smallest invoice number is a code: written as it is, with no thousands separator.
    const invoice = await page.$$eval('#table-profile tbody tr', (rows) => rows.find((r) => r.firstElementChild?.textContent === 'invoice_no')?.children[6]?.textContent);
    expect(invoice).toMatch(/^\d{6}$/);
    expect(errors).toEqual([]);
  });

  it('draws country shapes on the map and lists the names that have none', { timeout: 30_000 }, async () => {
    const { page } = await open(context, html);
    await page.click('#tab-countries');
    expect(await page.$$eval('#chart-map svg path', (p) => p.length)).toBeGreaterThan(150);
    // The fixture sells to "Unspecified", which has no ISO code.
    expect(await page.$$eval('#unmapped li button', (b) => b.map((x) => x.textContent))).toContain('Unspecified');
  });

  it('ranks best sellers by net revenue without service lines and labels them with their stock code', { timeout: 30_000 }, async () => {
    const { page } = await open(context, html);
    await page.click('#tab-products');
    const header = await page.$$eval('#table-products th', (th) => th.map((t) => t.textContent));
    expect(header.slice(0, 3)).toEqual(['Revenue rank', 'Stock code', 'Description']);
    const ranks = await page.$$eval('#table-products tbody tr td:first-child', (td) => td.map((t) => Number(t.textContent)));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const expected = await withDatabase(run.layout.database, (db) =>
      db.all<{ stock_code: string }>(`select stock_code from mart_product_performance where revenue_rank is not null order by revenue_rank, stock_code limit 5`),
    );
    const codes = await page.$$eval('#table-products tbody tr td:nth-child(2)', (td) => td.slice(0, 5).map((t) => t.textContent));
    expect(codes).toEqual(expected.map((r) => r.stock_code));
  });

  it('a country filter changes the cards that say they follow it', { timeout: 30_000 }, async () => {
    const { page, errors } = await open(context, html);
    await page.click('#tab-churn');
    await page.click('#tab-campaigns');
    await page.click('#tab-overview');
    const net = () => page.textContent('[data-kpi="Net Revenue"] .kpi-value');
    const netAll = await net();
    const before = await page.locator('#chart-monthly svg').innerHTML();
    await page.selectOption('#country-filter', 'France');
    // The Net Revenue card follows the country filter (summed from the monthly country mart).
    expect(await net()).not.toBe(netAll);
    await expect.poll(() => page.locator('#chart-monthly svg').innerHTML()).not.toBe(before);
    for (const text of await page.$$eval('[data-follows~="country"]', (els) => els.map((e) => e.textContent))) expect(text).toMatch(/^Filtered: .*France/);
    // Cards that do not follow the country filter say so while it is set.
    const ignoring = await page.$$eval('.scope:not([data-follows~="country"])', (els) => els.map((e) => e.textContent));
    expect(ignoring.length).toBeGreaterThan(0);
    for (const text of ignoring) expect(text).toMatch(/country/);
    await page.click('#tab-campaigns');
    const countries = await page.$$eval('#table-campaigns tbody tr td:nth-child(2)', (td) => td.map((t) => t.textContent));
    expect(countries.length).toBeGreaterThan(0);
    expect(new Set(countries)).toEqual(new Set(['France']));
    await page.click('#filter-reset');
    expect(errors).toEqual([]);
  });

  it('every card says which filters it follows; segment, risk band and date range narrow the cards that follow them', { timeout: 30_000 }, async () => {
    const { page, errors } = await open(context, html);
    for (const tab of TABS) await page.click(`#tab-${tab}`);
    expect(await page.$$eval('.card h2', (hs) => hs.filter((h) => !h.querySelector('.scope')).map((h) => h.textContent))).toEqual([]);
    const rows = () => page.getAttribute('#table-campaigns .count', 'data-rows').then(Number);
    const total = await rows();
    await page.selectOption('#band-filter', 'High');
    const high = await rows();
    expect(high).toBeLessThan(total);
    const bands = await page.$$eval('#table-campaigns tbody tr td:nth-child(5)', (td) => td.map((t) => t.textContent));
    expect(new Set(bands)).toEqual(new Set(['High']));
    const segment = await page.$eval('#segment-filter option:nth-child(2)', (o) => o.getAttribute('value') ?? '');
    await page.selectOption('#segment-filter', segment);
    expect(await rows()).toBeLessThanOrEqual(high);
    expect(new Set(await page.$$eval('#table-campaigns tbody tr td:nth-child(3)', (td) => td.map((t) => t.textContent)))).toEqual(new Set(await rows() ? [segment] : []));
    // The date range: the monthly chart draws only the months in range.
    await page.click('#tab-overview');
    const bars = () => page.$$eval('#chart-monthly svg path', (p) => p.length);
    const before = await bars();
    const months = await page.$$eval('#filter-from option', (o) => o.map((x) => x.getAttribute('value') ?? '').filter(Boolean));
    await page.selectOption('#filter-from', months[months.length - 3] as string);
    // ECharts redraws on its next animation frame: wait for it.
    await expect.poll(bars).toBeLessThan(before);
    expect(await page.textContent('#card-monthly .scope')).toMatch(/^Filtered: [A-Z][a-z]{2} 2011 – [A-Z][a-z]{2} 2011/);
    await page.click('#filter-reset');
    expect(await rows()).toBe(total);
    expect(errors).toEqual([]);
  });

  it('looks a customer up by id: segment, persona, churn risk, lifetime value, last purchase, suggested products', { timeout: 30_000 }, async () => {
    const { page } = await open(context, html);
    const [customer] = await withDatabase(run.layout.database, (db) =>
      db.all<{ id: number; segment: string }>('select l.customer_id as id, l.segment from campaign_list l order by l.customer_id limit 1'),
    );
    await page.click('#tab-customers');
    await page.fill('#customer-lookup', String(customer?.id));
    await page.press('#customer-lookup', 'Enter');
    const fields = await page.$$eval('#lookup-result dt', (dt) => Object.fromEntries(dt.map((d) => [d.textContent, d.nextElementSibling?.textContent])));
    expect(fields['Customer ID']).toBe(String(customer?.id));
    expect(fields.Segment).toBe(customer?.segment);
    for (const label of ['Persona', 'Risk band', 'Churn probability', 'Expected spend, next 90 days', 'Last purchase', 'Suggested products']) expect(Object.keys(fields)).toContain(label);
    await page.fill('#customer-lookup', '1');
    await page.press('#customer-lookup', 'Enter');
    expect(await page.textContent('#lookup-result')).toBe('No customer with id 1.');
  });

  it('sorts a table from the keyboard and downloads the rows shown as CSV, the campaign list whole', { timeout: 30_000 }, async () => {
    const { page } = await open(context, html);
    await page.click('#tab-campaigns');
    const total = await withDatabase(run.layout.database, (db) => db.number('select count(*) from campaign_list'));
    expect(await page.getAttribute('#table-campaigns .count', 'data-rows')).toBe(String(total));

    const header = page.locator('#table-campaigns th button', { hasText: 'Revenue at stake' });
    await header.focus();
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#table-campaigns th:has(button:text("Revenue at stake"))', 'aria-sort')).toBe('descending');

    const download = async () => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.click('#table-campaigns button.csv')]);
      return readFileSync((await file.path()) as string, 'utf8').trimEnd().split('\r\n');
    };
    const whole = await download();
    expect(whole[0]).toMatch(/^Customer ID,Country,/);
    expect(whole.length - 1).toBe(total);

    await page.fill('#table-campaigns input[type=search]', 'France');
    const shown = Number(await page.getAttribute('#table-campaigns .count', 'data-rows'));
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(total);
    const searched = await download();
    expect(searched.length - 1).toBe(shown);
    expect(searched.slice(1).every((line) => line.includes('France'))).toBe(true);
    // The search matches what is shown: a shown day ("9 Dec 2011") finds rows, its ISO form underneath does not.
    await page.fill('#table-campaigns input[type=search]', '');
    const lastAt = await page.$$eval('#table-campaigns th', (th) => th.findIndex((h) => h.textContent === 'Last purchase'));
    expect(lastAt).toBeGreaterThanOrEqual(0);
    const day = (await page.locator('#table-campaigns tbody tr').first().locator('td').nth(lastAt).textContent()) ?? '';
    const [, month, year] = /^\d{1,2} (\w{3}) (\d{4})$/.exec(day) ?? [];
    expect(month).toBeDefined();
    await page.fill('#table-campaigns input[type=search]', `${month} ${year}`);
    expect(Number(await page.getAttribute('#table-campaigns .count', 'data-rows'))).toBeGreaterThan(0);
    await page.fill('#table-campaigns input[type=search]', `${year}-`);
    expect(Number(await page.getAttribute('#table-campaigns .count', 'data-rows'))).toBe(0);
    await page.fill('#table-campaigns input[type=search]', '');
    // Ids keep no thousands separator.
    expect(await page.$$eval('#table-campaigns tbody tr td:first-child', (td) => td.every((t) => /^\d+$/.test(t.textContent ?? '')))).toBe(true);
  });
});
