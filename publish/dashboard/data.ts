import { quoteIdent as q, type Database } from '../../warehouse/db.js';
import type { TableSpec } from '../../warehouse/spec/types.js';
import { computeKpis, type KpiValue } from '../kpis.js';
import { bindRoles, optionalColumn } from '../roles.js';
import { COUNTRY_CENTROIDS } from './centroids.js';

/** A small table: column names and rows of plain values. */
export interface Grid {
  columns: string[];
  rows: (string | number | boolean | null)[][];
}

/** What the dashboard shows; each part is present only when its table is published. */
export interface DashboardData {
  refreshId: string;
  warehouse: string;
  kpis: KpiValue[];
  countries?: { country: string; lat: number | null; lon: number | null; revenue: number; orders: number; customers: number }[];
  monthly?: { country: string; month: string; revenue: number; orders: number }[];
  products?: { product: string; revenue: number; units: number; cancellationRate: number }[];
  segments?: { segment: string; customers: number }[];
  clusters?: Grid;
  cohorts?: { cohort: string; period: number; retention: number }[];
  churn?: { histogram: { from: number; to: number; customers: number }[]; top: Grid; total: number };
  quality?: { audit: Grid; reasons: { reason: string; lines: number }[] };
}

/** Top rows of lists shown in full (churn list); the dashboard stays a few hundred kilobytes. */
const LIST_LIMIT = 200;

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const plain = (v: unknown): string | number | boolean | null =>
  v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'boolean' ? v : /^-?\d+(\.\d+)?$/.test(String(v)) ? Number(v) : String(v);

async function grid(db: Database, sql: string): Promise<Grid> {
  const rows = await db.all(sql);
  const columns = rows[0] ? Object.keys(rows[0]) : [];
  return { columns, rows: rows.map((r) => columns.map((c) => plain(r[c]))) };
}

/** Queries the figures the dashboard shows from the warehouse tables (work database or published Parquet views). */
export async function dashboardData(db: Database, published: readonly TableSpec[], meta: { refreshId: string; warehouse: string }): Promise<DashboardData> {
  const roles = bindRoles(published);
  const data: DashboardData = { ...meta, kpis: await computeKpis(db, published) };
  const { sales } = roles;
  if (sales) {
    const s = q(sales.name);
    const [amount, invoice, cancelled, customer, guest, date, country, product, quantity] = [
      sales.col.amount, sales.col.invoice, sales.col.cancelled, sales.col.customer, sales.col.guest, sales.col.date, sales.col.country, sales.col.product, sales.col.quantity,
    ].map(q);
    const rows = await db.all<{ country: string; revenue: string; orders: string; customers: string }>(
      `select ${country} as country, sum(${amount}) filter (where not ${cancelled}) as revenue,
              count(distinct ${invoice}) filter (where not ${cancelled}) as orders,
              count(distinct ${customer}) filter (where not ${cancelled} and not ${guest}) as customers
       from ${s} group by all order by revenue desc nulls last, country`,
    );
    data.countries = rows.map((r) => {
      const at = COUNTRY_CENTROIDS[r.country];
      return { country: r.country, lat: at ? at[0] : null, lon: at ? at[1] : null, revenue: num(r.revenue), orders: num(r.orders), customers: num(r.customers) };
    });
    const monthly = await db.all<{ country: string; month: string; revenue: string; orders: string }>(
      `select ${country} as country, strftime(date_trunc('month', ${date}), '%Y-%m') as month,
              sum(${amount}) filter (where not ${cancelled}) as revenue, count(distinct ${invoice}) filter (where not ${cancelled}) as orders
       from ${s} group by all order by country, month`,
    );
    data.monthly = monthly.map((r) => ({ country: r.country, month: r.month, revenue: num(r.revenue), orders: num(r.orders) }));
    const described = roles.product;
    const label = described
      ? `coalesce(p.${q(described.col.description)} || ' (' || f.${product} || ')', f.${product})`
      : `f.${product}`;
    const join = described ? `left join ${q(described.name)} p on p.${q(described.col.product)} = f.${product}` : '';
    const products = await db.all<{ product: string; revenue: string; units: string; rate: string }>(
      `select ${label} as product, sum(f.${amount}) filter (where not f.${cancelled}) as revenue,
              sum(f.${quantity}) filter (where not f.${cancelled}) as units,
              count(distinct f.${invoice}) filter (where f.${cancelled}) / nullif(count(distinct f.${invoice}), 0) as rate
       from ${s} f ${join} group by all order by revenue desc nulls last, product limit 20`,
    );
    data.products = products.map((r) => ({ product: r.product, revenue: num(r.revenue), units: num(r.units), cancellationRate: num(r.rate) }));
  }
  if (roles.segments) {
    const seg = q(roles.segments.col.segment);
    const rows = await db.all<{ segment: string; customers: string }>(
      `select ${seg} as segment, count(*) as customers from ${q(roles.segments.name)} group by all order by customers desc, segment`,
    );
    data.segments = rows.map((r) => ({ segment: String(r.segment), customers: num(r.customers) }));
  }
  if (roles.clusterProfiles) {
    data.clusters = await grid(db, `select * from ${q(roles.clusterProfiles.name)} order by ${q(roles.clusterProfiles.col.cluster)}`);
  } else if (roles.clusters && roles.rfm) {
    const c = roles.clusters;
    const r = roles.rfm;
    data.clusters = await grid(
      db,
      `select k.${q(c.col.cluster)} as cluster, count(*) as customers, round(avg(r.${q(r.col.recency)}), 1) as mean_recency_days,
              round(avg(r.${q(r.col.frequency)}), 2) as mean_frequency, round(avg(r.${q(r.col.monetary)}), 2) as mean_monetary
       from ${q(c.name)} k join ${q(r.name)} r on r.${q(r.col.customer)} = k.${q(c.col.customer)} group by all order by cluster`,
    );
  }
  if (roles.cohorts) {
    const c = roles.cohorts;
    const rows = await db.all<{ cohort: string; period: string; retention: string }>(
      `select cast(${q(c.col.cohort)} as varchar) as cohort, ${q(c.col.period)} as period, ${q(c.col.retention)} as retention
       from ${q(c.name)} order by cohort, period`,
    );
    data.cohorts = rows.map((r) => ({ cohort: r.cohort.slice(0, 7), period: num(r.period), retention: num(r.retention) }));
  }
  if (roles.churn) {
    const c = roles.churn;
    const p = q(c.col.probability);
    const hist = await db.all<{ bin: string; customers: string }>(
      `select least(floor(${p} * 10), 9)::integer as bin, count(*) as customers from ${q(c.name)} where ${p} is not null group by all order by bin`,
    );
    const counts = new Map(hist.map((h) => [num(h.bin), num(h.customers)]));
    const extras = ['segment', 'country', 'risk_band', 'recency_days', 'monetary'].map((n) => optionalColumn(c.spec, [n])).filter((n): n is string => Boolean(n));
    data.churn = {
      histogram: Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, customers: counts.get(i) ?? 0 })),
      top: await grid(db, `select ${[c.col.customer, c.col.probability, ...extras].map(q).join(', ')} from ${q(c.name)} order by ${p} desc nulls last, ${q(c.col.customer)} limit ${LIST_LIMIT}`),
      total: await db.number(`select count(*) from ${q(c.name)}`),
    };
  }
  if (roles.loadAudit) {
    const reasons = roles.quarantine
      ? await db.all<{ reason: string; lines: string }>(`select ${q(roles.quarantine.col.reason)} as reason, count(*) as lines from ${q(roles.quarantine.name)} group by all order by lines desc, reason`)
      : [];
    data.quality = {
      audit: await grid(db, `select * from ${q(roles.loadAudit.name)} order by all`),
      reasons: reasons.map((r) => ({ reason: r.reason, lines: num(r.lines) })),
    };
  }
  return data;
}
