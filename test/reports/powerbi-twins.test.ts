import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

import { CANCELLATION_FLOOR, dashboardData, type DashboardData, type Grid } from '../../reports/dashboard/data.js';
import { computeKpis } from '../../reports/kpis/index.js';
import { bestSellersSql, measureTwinSql, measureTwins, type FilterContext } from '../../reports/powerbi/measure-twins.js';
import { attachPublishedFolder } from '../../reports/parquet-views.js';
import { withDatabase, type Database } from '../../warehouse/db.js';
import { PUBLISHED_TABLES } from '../../warehouse/tables.js';
import { runPipeline } from '../publish/pipeline.js';

// The SQL twins of the Power BI measures, on the Parquet a published run wrote, in the filter contexts the
// report's cards and charts put them in, against the figures the dashboard and the workbook show for the
// same filter (the workbook's Summary is computeKpis; its Countries, Products and Campaign sheets are the
// marts the dashboard reads).
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PAGES = join(ROOT, 'powerbi/OnlineRetail.Report/definition/pages');

let folder: string;
let db: Database;
let kpis: Map<string, number | null>;
let dash: DashboardData;
/** The country with the second most campaign customers, so the filter really narrows. */
let country: string;

beforeAll(async () => {
  const run = await runPipeline();
  folder = join(run.layout.publishedRoot, 'current');
  await inDatabase(async () => {
    kpis = new Map((await computeKpis(db, PUBLISHED_TABLES)).map((k) => [k.name, k.value]));
    dash = await dashboardData(db, PUBLISHED_TABLES, { refreshId: 'twins', warehouse: 'test', refreshedAt: '2011-12-10T00:00:00Z' });
    const rows = await db.all<{ country: string }>('select d.country from campaign_list c join dim_customer d using (customer_id) group by 1 order by count(*) desc, 1 limit 2');
    country = (rows[1] ?? (rows[0] as { country: string })).country;
  });
}, 90_000);

/** Runs `body` with `db` holding the published folder's tables as views. */
async function inDatabase(body: () => Promise<void>): Promise<void> {
  await withDatabase(':memory:', async (opened) => {
    db = opened;
    await attachPublishedFolder(db, folder, PUBLISHED_TABLES);
    await body();
  });
}

const first = async (sql: string) => {
  const row = (await db.all<Record<string, unknown>>(sql))[0];
  const v = row ? Object.values(row)[0] : null;
  return v === null || v === undefined ? null : Number(v);
};
/** A measure's twin in a context; fails when the measure has none. */
async function twin(name: string, ctx: FilterContext = {}): Promise<number | null> {
  const sql = measureTwinSql(PUBLISHED_TABLES, name, ctx);
  if (!sql) throw new Error(`no SQL twin for [${name}]`);
  return first(sql);
}
const cell = (grid: Grid, row: unknown[], key: string) => row[grid.columns.findIndex((c) => c.key === key)];

describe('the SQL twins of the Power BI measures', () => {
  it('cover every measure a card, chart or table of the report shows', () => {
    const shown = new Set<string>();
    for (const page of readdirSync(PAGES).filter((p) => !p.endsWith('.json'))) {
      for (const v of readdirSync(join(PAGES, page, 'visuals'))) {
        const text = readFileSync(join(PAGES, page, 'visuals', v, 'visual.json'), 'utf8');
        for (const [, name] of text.matchAll(/"Measure": \{\s*"Expression": \{\s*"SourceRef": \{\s*"Entity": "[^"]+"\s*\}\s*\},\s*"Property": "([^"]+)"/g)) shown.add(name as string);
      }
    }
    expect(shown.size).toBeGreaterThan(25);
    const twins = measureTwins(PUBLISHED_TABLES);
    expect([...shown].filter((m) => !twins.has(m))).toEqual([]);
  });

  it('all data: equal the KPI values (workbook Summary, README) and the dashboard overview', () =>
    inDatabase(async () => {
      for (const [name, v] of kpis) expect(await twin(name), name).toBeCloseTo(v ?? 0, 2);
      for (const k of dash.kpis) expect(await twin(k.name), k.name).toBeCloseTo(k.value ?? 0, 2);
      const campaigns = dash.actions?.campaigns ?? [];
      expect(campaigns.length).toBeGreaterThan(0);
      expect(await twin('Campaign Customers')).toBe(campaigns.reduce((a, c) => a + c.customers, 0));
      expect(await twin('Revenue at Stake')).toBeCloseTo(campaigns.reduce((a, c) => a + c.atStake, 0), 2);
    }));

  it('one country (sales pages): revenue, orders, customers, cancellation rate and order value equal the dashboard country table', () =>
    inDatabase(async () => {
      const table = dash.countryTable as Grid;
      const countries = dash.countries ?? [];
      expect(countries.length).toBeGreaterThan(1);
      for (const c of [countries[0], countries.find((x) => x.country === country) ?? countries[1]]) {
        if (!c) continue;
        const ctx = { country: c.country };
        expect(await twin('Net Revenue', ctx), c.country).toBeCloseTo(c.net, 2);
        expect(await twin('Total Orders', ctx), c.country).toBe(c.orders);
        expect(await twin('Total Customers', ctx), c.country).toBe(c.customers);
        expect(await twin('Cancellation Rate', ctx), c.country).toBeCloseTo(c.cancellationRate ?? 0, 6);
        const row = table.rows.find((r) => cell(table, r, 'country_name') === c.name) as unknown[];
        expect(await twin('Average Order Value', ctx), c.country).toBeCloseTo(Number(cell(table, row, 'average_order_value')), 2);
        expect(await twin('Net Revenue', ctx)).toBeLessThan((await twin('Net Revenue')) as number);
      }
    }));

  it('each month: gross and net revenue equal the dashboard monthly chart', () =>
    inDatabase(async () => {
      const months = dash.monthly ?? [];
      expect(months.length).toBeGreaterThan(1);
      for (const m of months) {
        expect(await twin('Total Revenue', { month: m.month }), m.month).toBeCloseTo(m.gross, 2);
        expect(await twin('Net Revenue', { month: m.month }), m.month).toBeCloseTo(m.net, 2);
      }
    }));

  it('customer country and risk band: the churn and campaign cards narrow through the relationships and TREATAS', () =>
    inDatabase(async () => {
      for (const ctx of [{ customerCountry: country }, { band: 'Medium' }, { customerCountry: country, band: 'High' }] as FilterContext[]) {
        const where = [ctx.customerCountry ? `d.country = '${ctx.customerCountry}'` : '', ctx.band ? `cp.risk_band = '${ctx.band}'` : ''].filter(Boolean).join(' and ');
        const join = 'join churn_prediction cp using (customer_id) join dim_customer d using (customer_id)';
        const label = JSON.stringify(ctx);
        expect(await twin('Revenue at Stake', ctx), label).toBeCloseTo((await first(`select coalesce(sum(c.revenue_at_stake), 0) from campaign_list c ${join} where ${where}`)) ?? 0, 2);
        expect(await twin('Campaign Customers', ctx), label).toBe(await first(`select count(*) from campaign_list c ${join} where ${where}`));
        expect(await twin('High-Value Prospects', ctx), label).toBe(await first(`select count(*) from high_value_prediction hv ${join} where hv.is_flagged and ${where}`));
        expect(await twin('Scored Customers', ctx), label).toBe(await first(`select count(*) from churn_prediction cp join dim_customer d using (customer_id) where ${where}`));
      }
      expect(await twin('Revenue at Stake', { customerCountry: country })).toBeLessThan((await twin('Revenue at Stake')) as number);
      // KEEPFILTERS: a band view keeps its own customers when that band is at risk, and a Low view has none
      // (the slicer is not replaced by the at-risk bands).
      for (const b of dash.churn?.bands ?? []) {
        expect(await twin('Scored Customers', { band: b.band }), b.band).toBe(b.customers);
        expect(await twin('Customers at Risk', { band: b.band }), b.band).toBe(b.band === 'Low' ? 0 : b.customers);
      }
      // One definition: the card counts the customers of the at-risk list (High and Medium bands).
      const atRisk = (dash.churn?.bands ?? []).filter((b) => b.band !== 'Low').reduce((a, b) => a + b.customers, 0);
      expect(await twin('Customers at Risk')).toBe(atRisk);
      expect(await twin('Customers at Risk')).toBe(await first(`select count(*) from campaign_list where risk_band in ('High', 'Medium')`));
    }));

  it('segments, personas and actions: the chart bars equal the dashboard segments, cluster profiles and campaigns', () =>
    inDatabase(async () => {
      for (const s of dash.segments ?? []) expect(await twin('Segment Customers', { segment: s.segment }), s.segment).toBe(s.customers);
      const clusters = dash.clusters as Grid;
      const kmeans = clusters.rows.filter((r) => cell(clusters, r, 'method') === 'kmeans');
      expect(kmeans.length).toBeGreaterThan(1);
      for (const persona of new Set(kmeans.map((r) => String(cell(clusters, r, 'persona'))))) {
        const members = kmeans.filter((r) => cell(clusters, r, 'persona') === persona).reduce((a, r) => a + Number(cell(clusters, r, 'customers')), 0);
        expect(await twin('Cluster Members', { where: [{ table: 'customer_segment', column: 'persona', value: persona }] }), persona).toBe(members);
      }
      for (const c of dash.actions?.campaigns ?? []) {
        const ctx = { where: [{ table: 'campaign_list', column: 'action', value: c.action }] };
        expect(await twin('Campaign Customers', ctx), c.action).toBe(c.customers);
        expect(await twin('Revenue at Stake', ctx), c.action).toBeCloseTo(c.atStake, 2);
      }
    }));

  it('products: best sellers and cancellation rates equal the dashboard product table and cancellation chart', () =>
    inDatabase(async () => {
      const products = dash.products as Grid;
      const top = await db.all<{ stock_code: string; value: number }>(bestSellersSql({}));
      expect(top.map((r) => r.stock_code)).toEqual(products.rows.slice(0, top.length).map((r) => String(cell(products, r, 'stock_code'))));
      top.forEach((r, i) => expect(Number(r.value)).toBeCloseTo(Number(cell(products, products.rows[i] as unknown[], 'net_amount')), 2));
      expect(await twin('Product Net Revenue', { where: [{ table: 'fact_invoice_line', column: 'stock_code', value: top[0]?.stock_code as string }] })).toBeCloseTo(Number(top[0]?.value), 2);
      // In one country the ranking comes from that country's lines only.
      const inCountry = await db.all<{ stock_code: string; value: number }>(bestSellersSql({ country }));
      const direct = await first(`select sum(net_line_amount) from fact_invoice_line where line_type = 'sale' and country = '${country}' and stock_code = '${inCountry[0]?.stock_code}'`);
      expect(Number(inCountry[0]?.value)).toBeCloseTo(direct ?? 0, 2);
      const rates = dash.cancellations?.rows ?? [];
      expect(rates.length).toBeGreaterThan(0);
      const byCode = (code: string) => ({ where: [{ table: 'fact_invoice_line', column: 'stock_code', value: code }] });
      for (const r of rates) {
        const code = r.product.split(' · ')[0] as string;
        expect(await twin('Cancellation Rate', byCode(code)), code).toBeCloseTo(r.rate, 6);
        expect(await twin('Product Cancellation Rate', byCode(code)), code).toBeCloseTo(r.rate, 6);
      }
      // Where a product has fewer sale lines than the dashboard's floor (here: in one country) the rate is blank, not a 100% bar.
      const [few] = await db.all<{ stock_code: string; lines: number }>(
        `select stock_code, count(*) as lines from fact_invoice_line where line_type = 'sale' and country = '${country}'
         group by stock_code having count(*) < ${CANCELLATION_FLOOR} order by stock_code limit 1`,
      );
      expect(few).toBeDefined();
      expect(await twin('Cancellation Rate', { country, ...byCode(few?.stock_code as string) })).not.toBeNull();
      expect(await twin('Product Cancellation Rate', { country, ...byCode(few?.stock_code as string) })).toBeNull();
    }));

  it('one customer (drill-through): the cards equal the customer rows the page shows beside them', () =>
    inDatabase(async () => {
      const [top] = await db.all<{ customer_id: string; monetary: number; frequency: number }>(
        'select r.customer_id, r.monetary, r.frequency from customer_rfm r join campaign_list c using (customer_id) order by c.revenue_at_stake desc, r.customer_id limit 1',
      );
      const ctx = { customerId: String(top?.customer_id) };
      expect(await twin('Net Revenue', ctx)).toBeCloseTo(Number(top?.monetary), 2);
      expect(await twin('Total Orders', ctx)).toBe(Number(top?.frequency));
      expect(await twin('Revenue at Stake', ctx)).toBeCloseTo((await first(`select revenue_at_stake from campaign_list where customer_id = '${ctx.customerId}'`)) ?? 0, 2);
      // The Churn page's at-risk list ranks customer rows by [Revenue at Stake]: the dashboard's at-risk list, row by row.
      const customers = dash.customers?.grid as Grid;
      const atRisk = dash.customers?.atRisk.rows ?? [];
      expect(atRisk.length).toBeGreaterThan(0);
      for (const i of atRisk.slice(0, 5)) {
        const r = customers.rows[i] as unknown[];
        const id = String(cell(customers, r, 'customer_id'));
        expect(await twin('Revenue at Stake', { customerId: id }), id).toBeCloseTo(Number(cell(customers, r, 'revenue_at_stake')), 2);
      }
    }));

  it('cohorts: one cell is its own retention; totals are weighted by cohort size without month 0', () =>
    inDatabase(async () => {
      const cells = dash.cohorts ?? [];
      expect(cells.length).toBeGreaterThan(2);
      for (const c of cells) {
        const ctx = { where: [{ table: 'mart_cohort_retention', column: 'cohort_month', value: c.cohort }, { table: 'mart_cohort_retention', column: 'months_since', value: c.period }] };
        expect(await twin('Average Retention', ctx), `${c.cohort} +${c.period}`).toBeCloseTo(c.retention, 6);
      }
      const month1 = await twin('Average Retention', { where: [{ table: 'mart_cohort_retention', column: 'months_since', value: 1 }] });
      expect(month1).toBeCloseTo((await first('select sum(retention_rate * cohort_customers) / sum(cohort_customers) from mart_cohort_retention where months_since = 1')) ?? 0, 6);
      expect(await twin('Average Retention')).toBeCloseTo((await first('select sum(active_customers) / sum(cohort_customers) from mart_cohort_retention where months_since > 0')) ?? 0, 6);
    }));

  it('data quality: quarantined lines per reason and lines touched per rule equal the dashboard', () =>
    inDatabase(async () => {
      const reasons = dash.quality?.reasons ?? [];
      const rules = dash.quality?.rules ?? [];
      expect(rules.length).toBeGreaterThan(0);
      for (const r of reasons) expect(await twin('Quarantined Lines', { where: [{ table: 'quarantine', column: 'reason', value: r.reason }] }), r.reason).toBe(r.lines);
      for (const r of rules) {
        const ctx = { where: [{ table: 'cleaning_rule_counts', column: 'rule', value: r.rule }, { table: 'cleaning_rule_counts', column: 'action', value: r.action }] };
        expect(await twin('Lines Touched', ctx), r.rule).toBe(r.lines);
      }
    }));

  it('demand: weekly units for all categories and for one series equal the dashboard forecast chart', () =>
    inDatabase(async () => {
      const series = dash.actions?.demand ?? [];
      const categories = series.filter((s) => s.type === 'category');
      expect(categories.length).toBeGreaterThan(0);
      const week = (categories[0]?.actual.at(-1) as [string, number])[0];
      const atWeek = (table: string) => ({ table, column: 'week_start', value: week });
      expect(await twin('Actual Units', { where: [atWeek('demand_weekly')] })).toBeCloseTo(categories.reduce((a, s) => a + (s.actual.find(([w]) => w === week)?.[1] ?? 0), 0), 6);
      const one = categories[categories.length - 1] as (typeof series)[number];
      const [fWeek, units, lower, upper] = one.forecast[0] as [string, number, number, number];
      // The dashboard names a category series by its label; the forecast table's key picks it.
      const seriesCode = (await db.all<{ series: string }>(`select distinct series from demand_forecast where series_type = 'category' and series_label = '${one.label.replaceAll("'", "''")}'`))[0]?.series;
      expect(seriesCode).toBeDefined();
      const ctx = { where: [{ table: 'demand_forecast', column: 'series', value: seriesCode as string }, { table: 'demand_forecast', column: 'series_type', value: one.type }, { table: 'demand_forecast', column: 'week_start', value: fWeek }] };
      expect(await twin('Forecast Units', ctx)).toBeCloseTo(units, 1);
      expect(await twin('Forecast Lower', ctx)).toBeCloseTo(lower, 1);
      expect(await twin('Forecast Upper', ctx)).toBeCloseTo(upper, 1);
      // Interval bounds do not add up across series: blank with no series picked.
      expect(await twin('Forecast Lower', { where: [atWeek('demand_forecast')] })).toBeNull();
    }));
});
