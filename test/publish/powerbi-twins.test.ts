import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { computeKpis } from '../../publish/kpis.js';
import { bestSellersSql, customersAtRiskSql, highValueProspectsSql, revenueAtStakeSql, weightedRetentionSql, type FilterContext } from '../../publish/powerbi/measure-twins.js';
import { attachPublishedFolder } from '../../publish/parquet-views.js';
import { withDatabase, type Database } from '../../warehouse/db.js';
import { PUBLISHED_TABLES } from '../../warehouse/tables.js';
import { runPipeline } from './pipeline.js';

// The SQL twins of the filter-dependent Power BI measures, on the Parquet a published run wrote,
// checked against the figures the warehouse itself holds for the same filter.
let folder: string;
let db: Database;
let kpis: Map<string, number | null>;
let country: string;

beforeAll(async () => {
  const run = await runPipeline();
  folder = join(run.layout.publishedRoot, 'current');
  await inDatabase(async () => {
    kpis = new Map((await computeKpis(db, PUBLISHED_TABLES)).map((k) => [k.name, k.value]));
    // The country with the most campaign customers after the first, so the filter really narrows.
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

const value = async (sql: string) => Number((await db.all<{ value: number | bigint | null }>(sql))[0]?.value ?? 0);
const contexts = (): [string, FilterContext][] => [
  ['all data', {}],
  [`country ${country}`, { country }],
  ['risk band Medium', { band: 'Medium' }],
];

describe('the SQL twins of the Power BI measures, for each filter context', () => {
  it('Revenue at Stake follows country and risk band: equals campaign_list summed on its own country and band columns', () =>
    inDatabase(async () => {
      expect(await value(revenueAtStakeSql({}))).toBeCloseTo(kpis.get('Revenue at Stake') as number, 2);
      for (const [name, ctx] of contexts()) {
        const where = [ctx.country ? `d.country = '${ctx.country}'` : '', ctx.band ? `c.risk_band = '${ctx.band}'` : ''].filter(Boolean).join(' and ') || 'true';
        const direct = await value(`select coalesce(sum(c.revenue_at_stake), 0) as value from campaign_list c join dim_customer d using (customer_id) where ${where}`);
        expect(await value(revenueAtStakeSql(ctx)), name).toBeCloseTo(direct, 2);
      }
      expect(await value(revenueAtStakeSql({ country }))).toBeLessThan(await value(revenueAtStakeSql({})));
    }));

  it('High-Value Prospects and Customers at Risk narrow with the slicers instead of ignoring or replacing them', () =>
    inDatabase(async () => {
      expect(await value(highValueProspectsSql({}))).toBe(kpis.get('High-Value Prospects'));
      expect(await value(customersAtRiskSql({}))).toBe(kpis.get('Customers at Risk'));
      // KEEPFILTERS: a Medium-band view keeps its own customers (at risk by definition), a Low-band view has none.
      expect(await value(customersAtRiskSql({ band: 'Medium' }))).toBe(await value(`select count(*) as value from churn_prediction where risk_band = 'Medium'`));
      expect(await value(customersAtRiskSql({ band: 'Low' }))).toBe(0);
      // One definition: the card counts the customers of the at-risk list (campaign_list in the at-risk bands).
      expect(kpis.get('Customers at Risk')).toBe(await value(`select count(*) as value from campaign_list where risk_band in ('High', 'Medium')`));
      for (const [name, ctx] of contexts()) {
        const where = [ctx.country ? `d.country = '${ctx.country}'` : '', ctx.band ? `cp.risk_band = '${ctx.band}'` : ''].filter(Boolean).join(' and ') || 'true';
        const direct = await value(
          `select count(*) as value from high_value_prediction hv join churn_prediction cp using (customer_id) join dim_customer d using (customer_id) where hv.is_flagged and ${where}`,
        );
        expect(await value(highValueProspectsSql(ctx)), name).toBe(direct);
      }
    }));

  it('Average Retention is weighted by cohort size and leaves month 0 out of totals', () =>
    inDatabase(async () => {
      const total = await value(weightedRetentionSql());
      const month1 = await value(weightedRetentionSql(1));
      const unweighted1 = await value('select avg(retention_rate) as value from mart_cohort_retention where months_since = 1');
      const direct1 = await value('select sum(retention_rate * cohort_customers) / sum(cohort_customers) as value from mart_cohort_retention where months_since = 1');
      expect(month1).toBeCloseTo(direct1, 6);
      expect(await value(weightedRetentionSql(0))).toBeCloseTo(1, 6);
      expect(total).toBeLessThan(1);
      // The unweighted mean is a different number whenever cohorts differ in size.
      expect(Number.isFinite(unweighted1)).toBe(true);
    }));

  it('best sellers rank by net merchandise revenue per stock code, as mart_product_performance does', () =>
    inDatabase(async () => {
      const twin = await db.all<{ stock_code: string; value: number }>(bestSellersSql({}));
      const mart = await db.all<{ stock_code: string; value: number }>(
        'select stock_code, net_amount as value from mart_product_performance where not is_service order by net_amount desc, stock_code limit 10',
      );
      expect(twin.map((r) => r.stock_code)).toEqual(mart.map((r) => r.stock_code));
      twin.forEach((r, i) => expect(Number(r.value)).toBeCloseTo(Number(mart[i]?.value), 2));
      const services = await db.all<{ stock_code: string }>('select stock_code from dim_product where is_service');
      const inCountry = await db.all<{ stock_code: string; value: number }>(bestSellersSql({ country }));
      expect(inCountry.length).toBeGreaterThan(0);
      for (const r of [...twin, ...inCountry]) expect(services.map((s) => s.stock_code)).not.toContain(r.stock_code);
      const direct = await value(
        `select sum(net_line_amount) as value from fact_invoice_line where line_type = 'sale' and country = '${country}' and stock_code = '${inCountry[0]?.stock_code}'`,
      );
      expect(Number(inCountry[0]?.value)).toBeCloseTo(direct, 2);
    }));
});
