import { quoteIdent as q, type Database } from '../../warehouse/db.js';
import type { TableSpec } from '../../warehouse/spec/types.js';
import { computeKpis, type KpiValue } from '../kpis.js';
import { bindRoles, type Roles } from '../roles.js';
import { COUNTRY_CENTROIDS } from './centroids.js';

/** A small table: column names and rows of plain values. */
export interface Grid {
  columns: string[];
  rows: (string | number | boolean | null)[][];
}

/** One forecast series: weekly actuals and the forecast weeks with their 80% interval. */
export interface DemandSeries {
  type: string;
  label: string;
  actual: [string, number][];
  forecast: [string, number, number, number][];
}

/** What the dashboard shows; each part is present only when its table is published. */
export interface DashboardData {
  refreshId: string;
  warehouse: string;
  kpis: KpiValue[];
  countries?: { country: string; name: string; lat: number | null; lon: number | null; revenue: number; orders: number; customers: number }[];
  monthly?: { country: string; month: string; revenue: number; netRevenue: number; orders: number }[];
  products?: { product: string; revenue: number; units: number; cancellationRate: number }[];
  segments?: { segment: string; customers: number; revenue: number }[];
  clusters?: Grid;
  cohorts?: { cohort: string; period: number; retention: number }[];
  churn?: { bands: { band: string; customers: number }[]; histogram: { from: number; to: number; customers: number }[]; top: Grid; total: number };
  quality?: { audit: Grid; reasons: { reason: string; lines: number }[]; rules: { rule: string; action: string; lines: number }[]; profile?: Grid; runs?: Grid };
  actions?: { campaigns: { action: string; customers: number; expectedValue: number; atStake: number }[]; rules?: Grid; demand?: DemandSeries[]; list?: Grid; listTotal?: number };
}

/** Top rows of long lists (churn, campaign list); the dashboard stays a few hundred kilobytes. */
const LIST_LIMIT = 200;
const RULE_LIMIT = 25;
const RISK_ORDER = ['High', 'Medium', 'Low'];

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const plain = (v: unknown): string | number | boolean | null =>
  v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'boolean' ? v : /^-?\d+(\.\d+)?$/.test(String(v)) ? Number(v) : String(v);

async function grid(db: Database, sql: string): Promise<Grid> {
  const rows = await db.all(sql);
  const columns = rows[0] ? Object.keys(rows[0]) : [];
  return { columns, rows: rows.map((r) => columns.map((c) => plain(r[c]))) };
}

/** The listed columns that the table has, quoted, for a select list. */
const present = (spec: TableSpec, names: readonly string[], alias = '') =>
  names.filter((n) => spec.columns.some((c) => c.name === n)).map((n) => `${alias}${q(n)}`);

/** Queries the figures the dashboard shows from the warehouse tables (work database or published Parquet views). */
export async function dashboardData(db: Database, published: readonly TableSpec[], meta: { refreshId: string; warehouse: string }): Promise<DashboardData> {
  const roles = bindRoles(published);
  const data: DashboardData = { ...meta, kpis: await computeKpis(db, published) };
  await salesParts(db, roles, data);
  await customerParts(db, roles, data);
  await churnPart(db, roles, data);
  await qualityPart(db, roles, data);
  await actionsPart(db, roles, data);
  return data;
}

/** Countries, months and products: sale lines only (warehouse/CANCELLATIONS.md), net of matched cancellations where said. */
async function salesParts(db: Database, roles: Roles, data: DashboardData): Promise<void> {
  const { sales } = roles;
  if (!sales) return;
  const s = q(sales.name);
  const [amount, net, cancelledAmount, lineType, invoice, customer, guest, date, country, product, quantity] = [
    sales.col.amount, sales.col.netAmount, sales.col.cancelledAmount, sales.col.lineType, sales.col.invoice, sales.col.customer,
    sales.col.guest, sales.col.date, sales.col.country, sales.col.product, sales.col.quantity,
  ].map(q);
  const sale = `${lineType} = 'sale'`;
  const named = roles.country;
  const rows = await db.all<{ country: string; name: string; revenue: string; orders: string; customers: string }>(
    `with by_country as (
       select ${country} as country, sum(${amount}) as revenue, count(distinct ${invoice}) as orders,
              count(distinct ${customer}) filter (where not ${guest}) as customers
       from ${s} where ${sale} group by all)
     select b.*, ${named ? `coalesce(d.${q(named.col.name)}, b.country)` : 'b.country'} as name
     from by_country b ${named ? `left join ${q(named.name)} d on d.${q(named.col.country)} = b.country` : ''}
     order by revenue desc nulls last, country`,
  );
  data.countries = rows.map((r) => {
    const at = COUNTRY_CENTROIDS[r.country];
    return { country: r.country, name: r.name, lat: at ? at[0] : null, lon: at ? at[1] : null, revenue: num(r.revenue), orders: num(r.orders), customers: num(r.customers) };
  });
  const monthly = await db.all<{ country: string; month: string; revenue: string; net: string; orders: string }>(
    `select ${country} as country, strftime(date_trunc('month', ${date}), '%Y-%m') as month,
            sum(${amount}) as revenue, sum(${net}) as net, count(distinct ${invoice}) as orders
     from ${s} where ${sale} group by all order by country, month`,
  );
  data.monthly = monthly.map((r) => ({ country: r.country, month: r.month, revenue: num(r.revenue), netRevenue: num(r.net), orders: num(r.orders) }));
  const described = roles.product;
  const label = described ? `coalesce(p.${q(described.col.description)} || ' (' || f.${product} || ')', f.${product})` : `f.${product}`;
  const join = described ? `left join ${q(described.name)} p on p.${q(described.col.product)} = f.${product}` : '';
  const products = await db.all<{ product: string; revenue: string; units: string; rate: string }>(
    `select ${label} as product, sum(f.${amount}) as revenue, sum(f.${quantity}) as units,
            sum(f.${cancelledAmount}) / nullif(sum(f.${amount}), 0) as rate
     from ${s} f ${join} where f.${sale} group by all order by revenue desc nulls last, product limit 20`,
  );
  data.products = products.map((r) => ({ product: r.product, revenue: num(r.revenue), units: num(r.units), cancellationRate: num(r.rate) }));
}

/** RFM segments, cluster profiles and the cohort matrix. */
async function customerParts(db: Database, roles: Roles, data: DashboardData): Promise<void> {
  if (roles.rfm) {
    const r = roles.rfm;
    const rows = await db.all<{ segment: string; customers: string; revenue: string }>(
      `select ${q(r.col.segment)} as segment, count(*) as customers, sum(${q(r.col.monetary)}) as revenue from ${q(r.name)} group by all order by customers desc, segment`,
    );
    data.segments = rows.map((x) => ({ segment: String(x.segment), customers: num(x.customers), revenue: num(x.revenue) }));
  }
  if (roles.clusterProfiles) {
    const p = roles.clusterProfiles;
    const shown = present(p.spec, ['method', 'cluster', 'persona', 'customers', 'customer_share', 'mean_recency_days', 'mean_frequency', 'mean_monetary', 'revenue_share']);
    data.clusters = await grid(db, `select ${shown.join(', ')} from ${q(p.name)} order by ${q(p.col.method)} desc, ${q(p.col.cluster)}`);
  }
  if (roles.cohorts) {
    const c = roles.cohorts;
    const rows = await db.all<{ cohort: string; period: string; retention: string }>(
      `select cast(${q(c.col.cohort)} as varchar) as cohort, ${q(c.col.period)} as period, ${q(c.col.retention)} as retention from ${q(c.name)} order by cohort, period`,
    );
    data.cohorts = rows.map((r) => ({ cohort: r.cohort.slice(0, 7), period: num(r.period), retention: num(r.retention) }));
  }
}

/** Churn risk: customers per band, a probability histogram and the riskiest customers with segment and country. */
async function churnPart(db: Database, roles: Roles, data: DashboardData): Promise<void> {
  const c = roles.churn;
  if (!c) return;
  const p = q(c.col.probability);
  const bands = await db.all<{ band: string; customers: string }>(`select ${q(c.col.band)} as band, count(*) as customers from ${q(c.name)} group by all`);
  const hist = await db.all<{ bin: string; customers: string }>(
    `select least(floor(${p} * 10), 9)::integer as bin, count(*) as customers from ${q(c.name)} where ${p} is not null group by all order by bin`,
  );
  const counts = new Map(hist.map((h) => [num(h.bin), num(h.customers)]));
  const r = roles.rfm;
  const k = roles.customer;
  const select = [
    `c.${q(c.col.customer)} as customer_id`,
    `c.${p} as probability`,
    `c.${q(c.col.band)} as risk_band`,
    ...(k ? [`k.${q(k.col.country)} as country`] : []),
    ...(r ? [`r.${q(r.col.segment)} as segment`, `r.${q(r.col.recency)} as recency_days`, `r.${q(r.col.monetary)} as monetary`] : []),
  ];
  const joins = [
    r ? `left join ${q(r.name)} r on r.${q(r.col.customer)} = c.${q(c.col.customer)}` : '',
    k ? `left join ${q(k.name)} k on k.${q(k.col.customer)} = c.${q(c.col.customer)}` : '',
  ].join(' ');
  data.churn = {
    bands: RISK_ORDER.map((band) => ({ band, customers: num(bands.find((b) => b.band === band)?.customers) })),
    histogram: Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, customers: counts.get(i) ?? 0 })),
    top: await grid(db, `select ${select.join(', ')} from ${q(c.name)} c ${joins} order by c.${p} desc nulls last, c.${q(c.col.customer)} limit ${LIST_LIMIT}`),
    total: await db.number(`select count(*) from ${q(c.name)}`),
  };
}

/** Data quality: row accounting, quarantine reasons, cleaning rules, column profile and run history. */
async function qualityPart(db: Database, roles: Roles, data: DashboardData): Promise<void> {
  const a = roles.loadAudit;
  if (!a) return;
  const reasons = roles.quarantine
    ? await db.all<{ reason: string; lines: string }>(`select ${q(roles.quarantine.col.reason)} as reason, count(*) as lines from ${q(roles.quarantine.name)} group by all order by lines desc, reason`)
    : [];
  const cr = roles.cleaningRules;
  const rules = cr
    ? await db.all<{ rule: string; action: string; lines: string }>(
        `select ${q(cr.col.rule)} as rule, ${q(cr.col.action)} as action, sum(${q(cr.col.rows)}) as lines from ${q(cr.name)} group by all order by min(${q(cr.col.order)}), rule`,
      )
    : [];
  const audit = present(a.spec, ['source_file', 'rows_read', 'rows_staged', 'rows_quarantined', 'rows_overlapping', 'file_format', 'compression', 'encoding', 'header_layout']);
  data.quality = {
    audit: await grid(db, `select ${audit.join(', ')} from ${q(a.name)} order by ${q(a.col.source)}`),
    reasons: reasons.map((r) => ({ reason: r.reason, lines: num(r.lines) })),
    rules: rules.map((r) => ({ rule: r.rule, action: r.action, lines: num(r.lines) })),
  };
  if (roles.profile) {
    const p = roles.profile;
    const shown = present(p.spec, ['column_name', 'data_type', 'non_null_count', 'null_count', 'null_percentage', 'distinct_count', 'min_value', 'max_value', 'outliers_below', 'outliers_above']);
    data.quality.profile = await grid(db, `select ${shown.join(', ')} from ${q(p.name)} order by ${q(p.col.position)}`);
  }
  if (roles.runHistory) {
    const h = roles.runHistory;
    const shown = present(h.spec, ['refresh_id', 'status', 'started_at', 'finished_at', 'failed_step', 'rows_read', 'message']).map((c) =>
      ['"started_at"', '"finished_at"'].includes(c) ? `strftime(${c}, '%Y-%m-%d %H:%M:%S') as ${c}` : c,
    );
    data.quality.runs = await grid(db, `select ${shown.join(', ')} from ${q(h.name)} order by ${q(h.col.started)} desc limit ${LIST_LIMIT}`);
  }
}

/** Actions: campaigns per action, top association rules, forecast against actual, the campaign list. */
async function actionsPart(db: Database, roles: Roles, data: DashboardData): Promise<void> {
  const s = roles.campaignSummary;
  const parts: NonNullable<DashboardData['actions']> = { campaigns: [] };
  if (s) {
    const rows = await db.all<{ action: string; customers: string; value: string; at_stake: string }>(
      `select ${q(s.col.action)} as action, ${q(s.col.customers)} as customers, ${q(s.col.expectedValue)} as value, ${q(s.col.atStake)} as at_stake
       from ${q(s.name)} order by ${q(s.col.order)}, action`,
    );
    parts.campaigns = rows.map((r) => ({ action: r.action, customers: num(r.customers), expectedValue: num(r.value), atStake: num(r.at_stake) }));
  }
  const a = roles.associations;
  if (a) {
    const cols = [a.col.antecedent, a.col.consequent, 'invoices', a.col.support, a.col.confidence, a.col.lift];
    const rules = await grid(db, `select ${present(a.spec, cols).join(', ')} from ${q(a.name)} order by ${q(a.col.lift)} desc, ${q(a.col.confidence)} desc, 1, 2 limit ${RULE_LIMIT}`);
    if (rules.rows.length) parts.rules = rules;
  }
  const w = roles.demandWeekly;
  const f = roles.demandForecast;
  if (w && f) {
    const actual = await db.all<{ type: string; series: string; label: string; week: string; units: string }>(
      `select ${q(w.col.type)} as type, ${q(w.col.series)} as series, ${q(w.col.label)} as label, strftime(${q(w.col.week)}, '%Y-%m-%d') as week, ${q(w.col.units)} as units
       from ${q(w.name)} order by type, series, week`,
    );
    const forecast = await db.all<{ type: string; series: string; label: string; week: string; units: number; lower: number; upper: number }>(
      `select ${q(f.col.type)} as type, ${q(f.col.series)} as series, ${q(f.col.label)} as label, strftime(${q(f.col.week)}, '%Y-%m-%d') as week,
              round(${q(f.col.forecast)}, 1) as units, round(${q(f.col.lower)}, 1) as lower, round(${q(f.col.upper)}, 1) as upper
       from ${q(f.name)} order by type, series, week`,
    );
    const series = new Map<string, DemandSeries>();
    const entry = (r: { type: string; series: string; label: string }) => {
      const key = `${r.type}|${r.series}`;
      let e = series.get(key);
      if (!e) series.set(key, (e = { type: r.type, label: r.type === 'product' ? `${r.label} (${r.series})` : r.label, actual: [], forecast: [] }));
      return e;
    };
    for (const r of actual) entry(r).actual.push([r.week, num(r.units)]);
    for (const r of forecast) entry(r).forecast.push([r.week, num(r.units), num(r.lower), num(r.upper)]);
    if (series.size) parts.demand = [...series.values()];
  }
  const l = roles.campaignList;
  if (l) {
    const shown = present(l.spec, ['customer_id', 'country', 'segment', 'persona', 'risk_band', 'churn_probability', 'expected_value', 'revenue_at_stake', 'action', 'suggested_products']);
    const list = await grid(db, `select ${shown.join(', ')} from ${q(l.name)} order by ${q(l.col.atStake)} desc nulls last, ${q(l.col.customer)} limit ${LIST_LIMIT}`);
    if (list.rows.length) {
      parts.list = list;
      parts.listTotal = await db.number(`select count(*) from ${q(l.name)}`);
    }
  }
  if (s || parts.rules || parts.demand || parts.list) data.actions = parts;
}
