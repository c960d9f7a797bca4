import { quoteIdent as q, type Database } from '../../warehouse/db.js';
import { columnLabel, type ColumnSpec, type TableSpec } from '../../warehouse/spec/types.js';
import { AT_RISK_BANDS, AT_RISK_DEFINITION, computeKpis, kpisFor, type CountryMonthColumn, type KpiValue } from '../kpis/index.js';
import { bindRoles, type Roles } from '../roles.js';
import { customersSource } from '../workbook-sheets.js';

type Cell = string | number | boolean | null;

/** How a table column is shown: its human label (columnLabel, declared once in the table spec) and format. */
export interface GridColumn {
  key: string;
  label: string;
  format?: ColumnSpec['format'];
  /** Identifiers and codes: shown as written, never with a thousands separator. */
  isId?: boolean;
  /**
   * Long tables keep each text column's distinct parts (a value split at "; ") once here; their
   * cells hold the parts' positions (a number, or a list for several parts), which the page joins back.
   */
  dict?: string[];
}

/** A table: labelled columns and rows of plain values; `total` when only the top rows are embedded. */
export interface Grid {
  columns: GridColumn[];
  rows: Cell[][];
  total?: number;
}

/** One forecast series: weekly actuals and the forecast weeks with their 80% interval. */
export interface DemandSeries {
  type: string;
  label: string;
  actual: [string, number][];
  forecast: [string, number, number, number][];
}

/**
 * An overview KPI: its value over all the data, and either its monthly series (full months; the change
 * is the last full month against the one before) or why it has none.
 */
export interface OverviewKpi extends KpiValue {
  trend?: { months: string[]; values: number[]; change: { month: string; previous: string; ratio: number } | null };
  snapshot?: string;
  /** Under a date range or country filter the card is the sum (or ratio of sums) of these countryMonthly fields. */
  additive?: { sum: CountryMonthField; per?: CountryMonthField };
  /** Under a country, segment or risk band filter the card counts (or sums a column of) these customer rows. */
  customers?: { rows: 'all' | 'atRisk' | 'highValue'; sum?: string };
}

/** mart_country_monthly's additive columns as the page's countryMonthly fields. */
const COUNTRY_MONTH_FIELDS = { net_amount: 'net', gross_amount: 'gross', cancelled_amount: 'cancelled', orders: 'orders' } as const;
type CountryMonthField = (typeof COUNTRY_MONTH_FIELDS)[CountryMonthColumn];
/**
 * The model KPIs as counts and sums over the customer rows (each list is the KPI's customers, tested),
 * so a country, segment or risk band filter narrows them as it narrows the lists.
 */
const CUSTOMER_KPIS: Record<string, OverviewKpi['customers']> = {
  'Customers at Risk': { rows: 'atRisk' },
  'High-Value Prospects': { rows: 'highValue' },
  'Revenue at Stake': { rows: 'all', sum: 'revenue_at_stake' },
};

/** What the dashboard shows; each part is present only when its table is published. */
export interface DashboardData {
  refreshId: string;
  warehouse: string;
  refreshedAt: string;
  period?: { from: string; to: string };
  /** Business figures for the overview (names from the KPI list), with their monthly trend where one exists. */
  kpis: OverviewKpi[];
  /** Pipeline figures, shown on the data-quality tab only. */
  pipelineKpis: KpiValue[];
  countries?: { country: string; name: string; iso3: string | null; net: number; orders: number; customers: number; cancellationRate: number | null }[];
  countryTable?: Grid;
  monthly?: { month: string; net: number; gross: number; orders: number; customers: number; partial: boolean }[];
  countryMonthly?: { country: string; month: string; net: number; orders: number; gross: number; cancelled: number }[];
  products?: Grid;
  cancellations?: { floor: number; rows: { product: string; rate: number; lines: number }[] };
  segments?: { segment: string; customers: number; revenue: number }[];
  clusters?: Grid;
  cohorts?: { cohort: string; period: number; retention: number; partial: boolean }[];
  churn?: { bands: { band: string; customers: number }[]; quality?: string };
  /**
   * One row per customer (the workbook's Customers sheet, reports/customers-sheet.sql): the customer
   * lookup and the campaign list show it whole; the at-risk and high-value lists are row positions
   * into it with the columns they show, so every list filters over all customers, not a top slice.
   */
  customers?: {
    grid: Grid;
    atRisk: { definition: string; keys: string[]; rows: number[] };
    highValue?: { definition: string; keys: string[]; rows: number[] };
  };
  lifetime?: { bins: { label: string; customers: number }[] };
  anomalies?: Grid;
  quality?: { audit: Grid; reasons: { reason: string; lines: number }[]; rules: { rule: string; action: string; lines: number }[]; profile?: Grid; runs?: Grid };
  actions?: { campaigns: { action: string; customers: number; expectedValue: number; atStake: number }[]; rules?: Grid; demand?: DemandSeries[] };
}

/** Top rows of long customer lists; the campaign list and anomalies are embedded whole. */
const LIST_LIMIT = 200;
/** The customers query's `$limit`: every customer (it is the workbook's sheet query, which stops at Excel's rows). */
const ALL_ROWS = 2 ** 31 - 1;
const RULE_LIMIT = 25;
/** Products need this many sale lines before their cancellation rate is charted (mart_product_performance.has_volume). */
export const CANCELLATION_FLOOR = 20;
const RISK_ORDER = ['High', 'Medium', 'Low'];
/** The overview's business KPIs, by their names in the KPI list (reports/kpis/). */
export const OVERVIEW_KPIS = ['Net Revenue', 'Total Orders', 'Total Customers', 'Average Order Value', 'Cancellation Rate', 'Customers at Risk', 'Revenue at Stake', 'High-Value Prospects'];
const PIPELINE_KPIS = ['Rows Read', 'Rows Staged', 'Rows Quarantined', 'Quarantine Share', 'Quarantined Lines', 'Lines Touched', 'Unmatched Cancellations'];
const SNAPSHOT = 'Model scores on the last day of the data: no earlier period to compare with.';
/** Upper bounds (pounds) of the lifetime-value bins. */
const LTV_BINS = [0, 50, 100, 250, 500, 1000, 2500, 5000];

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const plain = (v: unknown): Cell =>
  v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'boolean' ? v : /^-?\d+(\.\d+)?$/.test(String(v)) ? Number(v) : String(v);
const isIdName = (name: string) => /(^|_)id$/.test(name) || name === 'stock_code' || name === 'invoice_no';

/**
 * Runs `sql` and labels its columns from the table specs: a column named like a spec column takes
 * that column's label and format; `as` renames give the spec column to borrow from.
 */
async function grid(db: Database, specs: readonly TableSpec[], sql: string, limit?: number, params?: Record<string, number>, encode = true): Promise<Grid> {
  const rows = await db.all(sql, params);
  const keys = rows[0] ? Object.keys(rows[0]) : [];
  const columns = keys.map((key): GridColumn => {
    const spec = specs.flatMap((s) => s.columns).find((c) => c.name === key);
    const label = spec ? columnLabel(spec) : columnLabel({ name: key });
    return { key, label, ...(spec?.format ? { format: spec.format } : {}), ...(isIdName(key) ? { isId: true } : {}) };
  });
  const shown = limit === undefined ? rows : rows.slice(0, limit);
  // Text columns stay text (a profile's min_value "536365" is an invoice number, not a quantity).
  const text = keys.map((key) => specs.flatMap((s) => s.columns).find((c) => c.name === key)?.type === 'VARCHAR');
  const cell = (v: unknown, i: number): Cell => (text[i] && v !== null && v !== undefined ? String(v) : rounded(plain(v), columns[i]?.format));
  const out: Grid = { columns, rows: shown.map((r) => keys.map((k, i) => cell(r[k], i))) };
  if (limit !== undefined && rows.length > limit) out.total = rows.length;
  return encode && out.rows.length > DICTIONARY_FROM_ROWS ? withDictionaries(out) : out;
}

/** Digits kept per format: more than any display shows, fewer than a double prints. */
const DIGITS: Partial<Record<NonNullable<ColumnSpec['format']>, number>> = { money: 2, percent: 4, decimal: 3 };
const rounded = (v: Cell, format: ColumnSpec['format']): Cell => {
  const digits = format ? DIGITS[format] : undefined;
  return typeof v === 'number' && digits !== undefined ? Number(v.toFixed(digits)) : v;
};

/** Tables longer than this embed their text columns as dictionaries (the campaign list: 1 MB -> about 0.3 MB). */
const DICTIONARY_FROM_ROWS = 250;

function withDictionaries(g: Grid): Grid {
  const rows = g.rows.map((r) => r.slice()) as (Cell | number[])[][];
  const columns = g.columns.map((c, i) => {
    if (c.isId || !g.rows.some((r) => typeof r[i] === 'string') || g.rows.some((r) => r[i] !== null && typeof r[i] !== 'string')) return c;
    const dict: string[] = [];
    const at = new Map<string, number>();
    const index = (part: string) => {
      let n = at.get(part);
      if (n === undefined) at.set(part, (n = dict.push(part) - 1));
      return n;
    };
    for (const r of rows) {
      const v = r[i];
      if (typeof v !== 'string') continue;
      const parts = v.split('; ').map(index);
      r[i] = parts.length === 1 ? (parts[0] as number) : parts;
    }
    return { ...c, dict };
  });
  return { ...g, columns, rows: rows as Cell[][] };
}

const tableOf = (specs: readonly TableSpec[], name: string) => specs.find((s) => s.name === name);
const hasColumns = (spec: TableSpec | undefined, names: readonly string[]) => !!spec && names.every((n) => spec.columns.some((c) => c.name === n));
const present = (spec: TableSpec, names: readonly string[], alias = '') =>
  names.filter((n) => spec.columns.some((c) => c.name === n)).map((n) => `${alias}${q(n)}`);

/** Queries the figures the dashboard shows from the warehouse tables (work database or published Parquet views). */
export async function dashboardData(db: Database, published: readonly TableSpec[], meta: { refreshId: string; warehouse: string; refreshedAt?: string }): Promise<DashboardData> {
  const roles = bindRoles(published);
  const all = await computeKpis(db, published);
  const data: DashboardData = {
    refreshId: meta.refreshId,
    warehouse: meta.warehouse,
    refreshedAt: meta.refreshedAt ?? new Date().toISOString(),
    kpis: OVERVIEW_KPIS.flatMap((n) => all.filter((k) => k.name === n)),
    pipelineKpis: PIPELINE_KPIS.flatMap((n) => all.filter((k) => k.name === n)),
  };
  await kpiTrends(db, published, data);
  await salesParts(db, published, roles, data);
  await customerParts(db, published, roles, data);
  await churnParts(db, published, roles, data);
  await qualityPart(db, published, roles, data);
  await actionsPart(db, roles, data);
  return data;
}

/** Monthly series and last-full-month change of the overview KPIs (partial months left out: not a drop). */
async function kpiTrends(db: Database, specs: readonly TableSpec[], data: DashboardData): Promise<void> {
  // Each KPI's monthly form is declared beside its SQL and DAX in the KPI list.
  const monthlyOf = new Map(kpisFor(specs).flatMap((k) => (k.monthly ? [[k.name, k.monthly] as const] : [])));
  const names = [...monthlyOf.keys()].filter((n) => data.kpis.some((k) => k.name === n));
  for (const k of data.kpis) {
    const a = kpisFor(specs).find((x) => x.name === k.name)?.additive;
    if (a) k.additive = { sum: COUNTRY_MONTH_FIELDS[a.sum], ...(a.per ? { per: COUNTRY_MONTH_FIELDS[a.per] } : {}) };
    const c = CUSTOMER_KPIS[k.name];
    if (c) k.customers = c;
  }
  const monthly = hasColumns(tableOf(specs, 'mart_monthly_revenue'), ['year_month', 'net_amount', 'gross_amount', 'cancelled_amount', 'orders', 'customers', 'is_partial_month']);
  const rows = monthly && names.length
    ? await db.all<Record<string, unknown>>(
        `select year_month, ${names.map((n, i) => `${monthlyOf.get(n)} as k${i}`).join(', ')} from mart_monthly_revenue where not is_partial_month order by year_month`,
      )
    : [];
  for (const k of data.kpis) {
    const i = names.indexOf(k.name);
    if (i < 0 || !rows.length) {
      if (!monthlyOf.has(k.name)) k.snapshot = SNAPSHOT;
      continue;
    }
    const values = rows.map((r) => Number(Number(r[`k${i}`] ?? 0).toPrecision(6)));
    const months = rows.map((r) => String(r.year_month));
    const n = values.length;
    const change = n >= 2 && values[n - 2] ? { month: months[n - 1] as string, previous: months[n - 2] as string, ratio: (values[n - 1] as number) / (values[n - 2] as number) - 1 } : null;
    k.trend = { months, values, change };
  }
}

/** Period, countries, months and products, from the marts (net = gross minus matched cancellations). */
async function salesParts(db: Database, specs: readonly TableSpec[], roles: Roles, data: DashboardData): Promise<void> {
  if (roles.sales) {
    const s = roles.sales;
    const [p] = await db.all<{ from: string; to: string }>(`select strftime(min(${q(s.col.date)}), '%Y-%m-%d') as "from", strftime(max(${q(s.col.date)}), '%Y-%m-%d') as "to" from ${q(s.name)}`);
    if (p?.from) data.period = { from: p.from, to: p.to };
  }
  const country = tableOf(specs, 'mart_country');
  if (hasColumns(country, ['country', 'country_name', 'iso_alpha3', 'net_amount', 'orders', 'customers', 'cancellation_rate'])) {
    const rows = await db.all<Record<string, string | null>>(
      `select country, country_name, iso_alpha3, net_amount, orders, customers, cancellation_rate from mart_country where orders > 0 order by net_amount desc, country`,
    );
    data.countries = rows.map((r) => ({
      country: String(r.country), name: String(r.country_name), iso3: r.iso_alpha3 ?? null, net: num(r.net_amount), orders: num(r.orders), customers: num(r.customers),
      cancellationRate: r.cancellation_rate === null ? null : num(r.cancellation_rate),
    }));
    data.countryTable = await grid(db, specs, `select country_name, net_amount, orders, customers, average_order_value, cancellation_rate from mart_country where orders > 0 order by net_amount desc, country`);
  }
  const monthly = tableOf(specs, 'mart_monthly_revenue');
  if (hasColumns(monthly, ['year_month', 'net_amount', 'gross_amount', 'orders', 'customers', 'is_partial_month'])) {
    const rows = await db.all<Record<string, string | boolean>>(`select year_month, net_amount, gross_amount, orders, customers, is_partial_month from mart_monthly_revenue order by year_month`);
    data.monthly = rows.map((r) => ({ month: String(r.year_month), net: num(r.net_amount), gross: num(r.gross_amount), orders: num(r.orders), customers: num(r.customers), partial: r.is_partial_month === true }));
  }
  if (hasColumns(tableOf(specs, 'mart_country_monthly'), ['country', 'year_month', 'net_amount', 'orders', 'gross_amount', 'cancelled_amount'])) {
    const rows = await db.all<Record<string, string>>(`select country, year_month, net_amount, orders, gross_amount, cancelled_amount from mart_country_monthly order by country, year_month`);
    data.countryMonthly = rows.map((r) => ({
      country: String(r.country), month: String(r.year_month), net: num(r.net_amount), orders: num(r.orders), gross: num(r.gross_amount), cancelled: num(r.cancelled_amount),
    }));
  }
  if (hasColumns(tableOf(specs, 'mart_product_performance'), ['stock_code', 'description', 'revenue_rank', 'net_amount', 'net_quantity', 'cancellation_rate', 'sales_lines', 'is_service'])) {
    // Best sellers by net revenue; service lines (postage, manual, fees) have no rank and are left out.
    data.products = await grid(
      db, specs,
      `select revenue_rank, stock_code, description, category, net_amount, net_quantity, customers, cancellation_rate
       from mart_product_performance where revenue_rank is not null order by revenue_rank, stock_code limit ${LIST_LIMIT}`,
    );
    const rows = await db.all<Record<string, string>>(
      `select stock_code || ' · ' || coalesce(description, '') as product, cancellation_rate, sales_lines from mart_product_performance
       where not is_service and sales_lines >= ${CANCELLATION_FLOOR} and cancellation_rate > 0 order by cancellation_rate desc, stock_code limit 15`,
    );
    data.cancellations = { floor: CANCELLATION_FLOOR, rows: rows.map((r) => ({ product: String(r.product), rate: num(r.cancellation_rate), lines: num(r.sales_lines) })) };
  }
}

/** RFM segments, cluster profiles and the cohort matrix. */
async function customerParts(db: Database, specs: readonly TableSpec[], roles: Roles, data: DashboardData): Promise<void> {
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
    data.clusters = await grid(db, specs, `select ${shown.join(', ')} from ${q(p.name)} order by ${q(p.col.method)} desc, ${q(p.col.cluster)}`);
  }
  if (roles.cohorts) {
    const c = roles.cohorts;
    const last = data.monthly?.find((m) => m.partial)?.month;
    const rows = await db.all<{ cohort: string; period: string; retention: string }>(
      `select cast(${q(c.col.cohort)} as varchar) as cohort, ${q(c.col.period)} as period, ${q(c.col.retention)} as retention from ${q(c.name)} order by cohort, period`,
    );
    data.cohorts = rows.map((r) => {
      const cohort = r.cohort.slice(0, 7);
      const [y, m] = cohort.split('-').map(Number) as [number, number];
      const at = new Date(Date.UTC(y, m - 1 + num(r.period), 1)).toISOString().slice(0, 7);
      return { cohort, period: num(r.period), retention: num(r.retention), partial: at === last };
    });
  }
}

/** Churn and value: risk bands, the at-risk list by value at stake, high-value list, lifetime-value bins, model quality, anomalies. */
async function churnParts(db: Database, specs: readonly TableSpec[], roles: Roles, data: DashboardData): Promise<void> {
  if (roles.churn) {
    const c = roles.churn;
    const bands = await db.all<{ band: string; customers: string }>(`select ${q(c.col.band)} as band, count(*) as customers from ${q(c.name)} group by all`);
    data.churn = { bands: RISK_ORDER.map((band) => ({ band, customers: num(bands.find((b) => b.band === band)?.customers) })) };
    if (hasColumns(tableOf(specs, 'model_metrics'), ['target', 'method', 'roc_auc'])) {
      const m = await db.all<{ method: string; auc: number }>(`select method, roc_auc as auc from model_metrics where target = 'churn' order by roc_auc desc`);
      const base = m.find((x) => x.method.endsWith('baseline'));
      // churn_prediction holds the random forest's scores (its table description), so that is the model to state.
      const best = m.find((x) => x.method === 'random_forest') ?? m.find((x) => !x.method.endsWith('baseline'));
      if (best) {
        const auc = (v: number) => Number(v).toFixed(2);
        data.churn.quality =
          `On customers held out of training, the churn model behind these scores (${best.method.replaceAll('_', ' ')}) ranks a customer who then left above one who stayed ` +
          `${Math.round(Number(best.auc) * 100)}% of the time (ROC AUC ${auc(best.auc)})` +
          (base ? `; "longest since last purchase" alone manages ${Math.round(Number(base.auc) * 100)}% (AUC ${auc(base.auc)}).` : '.');
      }
    }
  }
  await customerRows(db, specs, roles, data);
  if (hasColumns(tableOf(specs, 'customer_lifetime_value'), ['customer_id', 'clv_90d'])) {
    // Bin i holds values from LTV_BINS[i] up to the next bound: the number of bounds above 0 that the value reaches.
    const rows = await db.all<{ bin: string; customers: string }>(
      `select len(list_filter([${LTV_BINS.slice(1).join(', ')}], b -> b <= clv_90d)) as bin, count(*) as customers
       from customer_lifetime_value where clv_90d is not null group by all order by bin`,
    );
    const per = LTV_BINS.map((_b, i) => num(rows.find((r) => num(r.bin) === i)?.customers));
    const money = (v: number) => `£${v.toLocaleString('en-GB')}`;
    data.lifetime = { bins: LTV_BINS.map((b, i) => ({ label: i === LTV_BINS.length - 1 ? `${money(b)}+` : `${money(b)}–${money(LTV_BINS[i + 1] as number)}`, customers: per[i] ?? 0 })) };
  }
  if (hasColumns(tableOf(specs, 'anomaly'), ['anomaly_type', 'country', 'anomaly_date', 'customer_id', 'value', 'typical_value', 'rule'])) {
    data.anomalies = await grid(
      db, specs,
      `select anomaly_type, strftime(anomaly_date, '%Y-%m-%d') as anomaly_date, country, customer_id, value, typical_value, rule from anomaly order by anomaly_date desc nulls last, anomaly_id`,
    );
  }
}

/** Columns of the at-risk and high-value lists (keys of the customers query). */
const AT_RISK_KEYS = ['customer_id', 'country', 'segment', 'risk_band', 'churn_probability', 'revenue_at_stake', 'clv_90d', 'monetary', 'last_purchase_at'];
const HIGH_VALUE_KEYS = ['customer_id', 'country', 'segment', 'persona', 'clv_90d', 'high_value_probability', 'monetary', 'last_purchase_at', 'suggested_products'];

/**
 * Every customer once, from the workbook's Customers query: the lookup, the campaign list (whole), and
 * the at-risk list (the at-risk bands of the KPI list, by value at stake) and the high-value list
 * (customers the high-value model flags, the High-Value Prospects KPI, by expected 90-day spend) as
 * positions into those rows.
 */
async function customerRows(db: Database, specs: readonly TableSpec[], roles: Roles, data: DashboardData): Promise<void> {
  const source = customersSource(specs);
  if (!source) return;
  const g = await grid(db, [{ ...tableOf(specs, 'campaign_list'), columns: source.columns } as TableSpec, ...specs], source.query, undefined, { limit: ALL_ROWS }, false);
  // The sheet query gives dates as epoch milliseconds (Excel's dates); the page shows the day.
  const at = (key: string) => g.columns.findIndex((c) => c.key === key);
  const last = at('last_purchase_at');
  const rows = g.rows.map((r) => (last < 0 || typeof r[last] !== 'number' ? r : r.map((v, i) => (i === last ? new Date(v as number).toISOString().slice(0, 10) : v))));
  const band = at('risk_band');
  const bands: readonly string[] = AT_RISK_BANDS;
  const atRisk = rows.flatMap((r, i) => (bands.includes(String(r[band])) ? [i] : []));
  data.customers = {
    grid: { columns: g.columns, rows },
    atRisk: { definition: AT_RISK_DEFINITION, keys: AT_RISK_KEYS, rows: atRisk },
  };
  if (roles.highValue) {
    const h = roles.highValue;
    const flagged = new Set((await db.all<{ id: unknown }>(`select ${q(h.col.customer)} as id from ${q(h.name)} where ${q(h.col.flagged)}`)).map((r) => Number(r.id)));
    const id = at('customer_id');
    const clv = at('clv_90d');
    const value = (i: number) => num(rows[i]?.[clv]);
    const high = rows.flatMap((r, i) => (flagged.has(Number(r[id])) ? [i] : [])).sort((a, b) => value(b) - value(a) || a - b);
    const description = kpisFor(specs).find((k) => k.name === 'High-Value Prospects')?.description ?? '';
    data.customers.highValue = { definition: description, keys: HIGH_VALUE_KEYS, rows: high };
  }
  // Text columns as dictionaries once the dates are text too.
  data.customers.grid = rows.length > DICTIONARY_FROM_ROWS ? withDictionaries(data.customers.grid) : data.customers.grid;
}

/** Data quality: row accounting, quarantine reasons, cleaning rules, column profile and run history. */
async function qualityPart(db: Database, specs: readonly TableSpec[], roles: Roles, data: DashboardData): Promise<void> {
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
    audit: await grid(db, specs, `select ${audit.join(', ')} from ${q(a.name)} order by ${q(a.col.source)}`),
    reasons: reasons.map((r) => ({ reason: r.reason, lines: num(r.lines) })),
    rules: rules.map((r) => ({ rule: r.rule, action: r.action, lines: num(r.lines) })),
  };
  if (roles.profile) {
    const p = roles.profile;
    const shown = present(p.spec, ['column_name', 'data_type', 'non_null_count', 'null_count', 'null_percentage', 'distinct_count', 'min_value', 'max_value', 'outliers_below', 'outliers_above']);
    data.quality.profile = await grid(db, [p.spec], `select ${shown.join(', ')} from ${q(p.name)} order by ${q(p.col.position)}`);
  }
  if (roles.runHistory) {
    const h = roles.runHistory;
    const shown = present(h.spec, ['refresh_id', 'status', 'started_at', 'finished_at', 'failed_step', 'rows_read', 'message']).map((c) =>
      ['"started_at"', '"finished_at"'].includes(c) ? `strftime(${c}, '%Y-%m-%d %H:%M:%S') as ${c}` : c,
    );
    data.quality.runs = await grid(db, [h.spec], `select ${shown.join(', ')} from ${q(h.name)} order by ${q(h.col.started)} desc limit ${LIST_LIMIT}`);
  }
}

/** Actions: campaigns per action, top association rules, forecast against actual (the campaign list is `customers`). */
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
    const rules = await grid(db, [a.spec], `select ${present(a.spec, cols).join(', ')} from ${q(a.name)} order by ${q(a.col.lift)} desc, ${q(a.col.confidence)} desc, 1, 2 limit ${RULE_LIMIT}`);
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
  if (s || parts.rules || parts.demand) data.actions = parts;
}
