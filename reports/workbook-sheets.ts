import { readFileSync } from 'node:fs';

import { quoteIdent as q } from '../warehouse/db.js';
import type { ColumnSpec, TableSpec } from '../warehouse/spec/types.js';

/** One sheet of the workbook: its title, the columns it shows (from the specification) and the query filling it. */
export interface SheetSource {
  title: string;
  /** The table the rows come from (the Summary says where all rows are when a sheet stops at the limit). */
  table: string;
  columns: readonly ColumnSpec[];
  /** Selects the columns in order, dates as epoch milliseconds, with `$limit`. */
  query: string;
  /** Data-quality and model-check sheets come after the business sheets. */
  kind: 'business' | 'check';
}

/**
 * Business importance: the sheets an analyst acts on first. Tables not listed keep their
 * specification order after these; check tables (below) come last.
 */
const BUSINESS_ORDER = [
  'campaign_list', 'campaign_summary', 'churn_prediction', 'high_value_prediction', 'customer_lifetime_value',
  'mart_product_performance', 'mart_country', 'mart_monthly_revenue', 'customer_segment', 'customer_cluster_profile',
  'mart_customer_behaviour', 'customer_rfm', 'mart_cohort_retention', 'product_association', 'demand_forecast',
  'fact_cancellation', 'anomaly', 'dim_country', 'campaign_rule',
];
/** How far to trust the models, then where the data came from and what was set aside. */
const CHECK_ORDER = [
  'model_metrics', 'model_feature_importance', 'model_k_selection', 'model_lifetime_holdout', 'recommendation_metrics',
  'forecast_backtest', 'load_audit', 'quarantine', 'cleaning_rule_counts', 'tab_info', 'run_history',
];

/** Row order by what the business means: value at stake, net revenue; otherwise the primary key. */
const ROW_ORDER: Record<string, string> = {
  campaign_list: 'revenue_at_stake desc nulls last',
  campaign_summary: 'revenue_at_stake desc nulls last',
  mart_product_performance: 'revenue_rank nulls last, net_amount desc',
  mart_country: 'net_revenue_rank',
  customer_lifetime_value: 'clv_90d desc nulls last',
  high_value_prediction: 'probability desc nulls last',
};

function selectList(columns: readonly ColumnSpec[]): string {
  return columns
    .map((c) => (c.type === 'DATE' || c.type === 'TIMESTAMP' ? `epoch_ms(${q(c.name)}::timestamp) as ${q(c.name)}` : q(c.name)))
    .join(', ');
}

function tableSource(spec: TableSpec, published: readonly TableSpec[]): SheetSource {
  const names = new Set(spec.columns.map((c) => c.name));
  let order = ROW_ORDER[spec.name];
  // A row order names columns of the full specification; a smaller one (a test) falls back to the key.
  if (order && !order.split(',').every((part) => names.has(part.trim().split(' ')[0] as string))) order = undefined;
  let from = q(spec.name);
  if (spec.name === 'churn_prediction' && published.some((t) => t.name === 'campaign_list')) {
    // Churn by value at stake: the valuable customers about to leave, not the long gone small spenders.
    from = `${q(spec.name)} left join (select customer_id, revenue_at_stake as "__stake" from campaign_list) using (customer_id)`;
    order = '"__stake" desc nulls last, probability desc';
  }
  const key = spec.primaryKey.map(q).join(', ');
  return {
    title: spec.excelSheet as string,
    table: spec.name,
    columns: spec.columns,
    query: `select ${selectList(spec.columns)} from ${from} order by ${order ? `${order}, ` : ''}${key} limit $limit`,
    kind: CHECK_ORDER.includes(spec.name) || spec.layer === 'quality' || spec.layer === 'staging' || spec.layer === 'operations' ? 'check' : 'business',
  };
}

/** The joined Customers sheet (also the dashboard's customer rows), when every table it reads is published. */
export function customersSource(published: readonly TableSpec[]): SheetSource | undefined {
  const find = (t: string) => published.find((s) => s.name === t);
  const campaign = find('campaign_list');
  const highValue = find('high_value_prediction');
  const lifetime = find('customer_lifetime_value');
  const rfm = find('customer_rfm');
  if (!campaign || !highValue || !lifetime || !rfm) return undefined;
  const col = (spec: TableSpec, name: string, rename?: Partial<ColumnSpec>): ColumnSpec => {
    const c = spec.columns.find((x) => x.name === name);
    if (!c) throw new Error(`Customers sheet: ${spec.name}.${name} is not in the specification`);
    return { ...c, ...rename };
  };
  const columns = [
    col(campaign, 'customer_id'), col(campaign, 'country'), col(campaign, 'segment'), col(campaign, 'persona'),
    col(campaign, 'risk_band'), col(campaign, 'churn_probability'), col(lifetime, 'clv_90d'),
    col(highValue, 'probability', { name: 'high_value_probability', label: 'High-value probability', description: highValue.columns.find((c) => c.name === 'probability')?.description ?? '' }),
    col(campaign, 'revenue_at_stake'), col(rfm, 'monetary'), col(campaign, 'last_purchase_at'), col(campaign, 'action'), col(campaign, 'suggested_products'),
  ];
  return {
    title: 'Customers',
    table: 'campaign_list',
    columns,
    query: readFileSync(new URL('./customers-sheet.sql', import.meta.url), 'utf8'),
    kind: 'business',
  };
}

/** Every sheet in the order an analyst reads them: the joined Customers sheet, business sheets, then checks. */
export function workbookSheets(published: readonly TableSpec[]): SheetSource[] {
  const tables = published.filter((t) => t.excelSheet).map((t) => tableSource(t, published));
  const rank = (s: SheetSource, list: string[]) => {
    const i = list.indexOf(s.table);
    return i === -1 ? list.length : i;
  };
  const business = tables.filter((s) => s.kind === 'business').map((s, i) => ({ s, i })).sort((a, b) => rank(a.s, BUSINESS_ORDER) - rank(b.s, BUSINESS_ORDER) || a.i - b.i).map((x) => x.s);
  const checks = tables.filter((s) => s.kind === 'check').map((s, i) => ({ s, i })).sort((a, b) => rank(a.s, CHECK_ORDER) - rank(b.s, CHECK_ORDER) || a.i - b.i).map((x) => x.s);
  const customers = customersSource(published);
  return [...(customers ? [customers] : []), ...business, ...checks];
}
