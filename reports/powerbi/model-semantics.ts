import type { ColumnSpec, TableSpec } from '../../warehouse/spec/types.js';
import type { Kpi } from '../kpis/index.js';

/**
 * What a report author expects of a model beyond its columns: how each column summarises, which
 * ones stay out of the field list, the date table, and where measures are filed.
 */

/**
 * Numbers that mean nothing when added up: prices, averages, rates, shares, scores, ranks, days,
 * model statistics, ids and keys. Matched on whole name parts (snake_case).
 */
const NON_ADDITIVE =
  /(^|_)(price|average|avg|mean|median|typical|rate|ratio|share|percentage|score|rank|days|day|age|id|key|number|position|year|quarter|month|week|k|cluster|group|probability|p|max|min|alive|support|confidence|lift|threshold|precision|recall|f1|auc|loss|inertia|silhouette|harabasz|bouldin|importance|z|fence|q1|q3|lower|upper|mae|smape|coverage|horizon|value|iterations|tenure|since|growth|impurity|permutation|at|per)(_|$)/;

/** Run bookkeeping a report author never slices by. */
const TECHNICAL = new Set(['refresh_id', 'source_file', 'input_file', 'line_number', 'file_format', 'source_column', 'column_position', 'rule_order', 'action_order']);

/** Additive amounts and counts are summed by default; everything else summarises by none. */
export function summarizeBy(column: ColumnSpec): 'sum' | 'none' {
  const numeric = ['BIGINT', 'INTEGER', 'DOUBLE', 'DECIMAL(18,3)'].includes(column.type);
  const additiveFormat = column.format === 'money' || column.format === 'integer' || column.format === 'decimal';
  // "expected_purchase_value", "revenue_at_stake", "clv_90d" are per-customer amounts that do add up.
  const amount = /(_amount|^revenue|_revenue|_at_stake|^clv_|^monetary$|_value$)/.test(column.name) && column.format === 'money' && !/(average|mean|typical|avg)/.test(column.name);
  if (!numeric || !additiveFormat || TECHNICAL.has(column.name) || column.name === 'match_no') return 'none';
  if (amount) return 'sum';
  return NON_ADDITIVE.test(column.name) ? 'none' : 'sum';
}


/**
 * Columns kept out of the field list: surrogate keys (`*_key`), technical columns, and the many side
 * of every relationship (the dimension's own column is the one to slice by).
 */
export function hiddenColumns(spec: TableSpec, relationshipFromColumns: ReadonlySet<string>): Set<string> {
  const hidden = new Set<string>();
  for (const c of spec.columns) {
    if (c.name.endsWith('_key') || TECHNICAL.has(c.name) || relationshipFromColumns.has(`${spec.name}.${c.name}`)) hidden.add(c.name);
  }
  return hidden;
}

/** The date table's semantics, when dim_date has the calendar columns they need. */
export interface DateTableSemantics {
  dateColumn: string;
  sortBy: Record<string, string>;
  hierarchy: { name: string; levels: { name: string; column: string }[] };
}

export function dateTableSemantics(spec: TableSpec): DateTableSemantics | undefined {
  const has = (name: string) => spec.columns.some((c) => c.name === name);
  if (!has('date')) return undefined;
  const sortBy: Record<string, string> = {};
  if (has('month_name') && has('month')) sortBy.month_name = 'month';
  if (has('day_name') && has('day_of_week')) sortBy.day_name = 'day_of_week';
  const levels = [
    { name: 'Year', column: 'year' },
    { name: 'Quarter', column: 'quarter' },
    { name: 'Month', column: has('month_name') ? 'month_name' : 'month' },
    { name: 'Day', column: 'date' },
  ].filter((l) => has(l.column));
  return { dateColumn: 'date', sortBy, hierarchy: { name: 'Calendar', levels } };
}

/**
 * Time intelligence over the marked date table: year to date, the previous month and the change
 * against it, for net revenue (the figure the business ranks by). Power BI only: the warehouse has no
 * "current period" without a filter context, so these have no SQL twin of one value.
 */
export function timeIntelligenceMeasures(salesTable: string, dateTable: string, dateColumn: string): Kpi[] {
  const date = `'${dateTable}'[${dateColumn}]`;
  return [
    { name: 'Net Revenue YTD', table: salesTable, format: 'money', description: 'Net revenue from 1 January of the year to the last date in the filter context.', dax: `TOTALYTD([Net Revenue], ${date})` },
    { name: 'Net Revenue Previous Month', table: salesTable, format: 'money', description: 'Net revenue of the same days shifted back one month (DATEADD).', dax: `CALCULATE([Net Revenue], DATEADD(${date}, -1, MONTH))` },
    { name: 'Net Revenue Previous Year', table: salesTable, format: 'money', description: 'Net revenue of the same days one year earlier.', dax: `CALCULATE([Net Revenue], SAMEPERIODLASTYEAR(${date}))` },
    {
      name: 'Net Revenue Change vs Previous Month',
      table: salesTable,
      format: 'percent',
      description: 'Net revenue against the previous month, as a change: (this - previous) / previous; blank when the previous month had none. December 2011 holds 9 days of data, so compare it with care.',
      dax: 'VAR prev = [Net Revenue Previous Month] RETURN DIVIDE([Net Revenue] - prev, prev)',
    },
  ];
}

/** The display folder a measure is filed under, by the table it lives on. */
export function displayFolder(kpi: Kpi, timeIntelligence: ReadonlySet<string>): string {
  if (timeIntelligence.has(kpi.name)) return 'Sales\\Time intelligence';
  const t = kpi.table;
  if (t.startsWith('fact_') || t.startsWith('mart_sales') || t === 'mart_product_performance') return 'Sales';
  if (t.includes('cohort')) return 'Cohorts';
  if (t.includes('churn') || t.includes('high_value') || t.includes('clv') || t.includes('lifetime')) return 'Churn and value';
  if (t.includes('campaign') || t.includes('recommend') || t.includes('association')) return 'Campaigns';
  if (t.includes('demand') || t.includes('forecast')) return 'Forecasts';
  if (t.includes('rfm') || t.includes('customer') || t.includes('cluster') || t.includes('segment') || t.startsWith('k_')) return 'Customers';
  if (t.includes('audit') || t.includes('quality') || t.includes('quarantine') || t.includes('cleaning') || t.includes('run')) return 'Data quality';
  return 'KPIs';
}

/**
 * Best sellers rank by what the business means: net revenue (cancellations taken back) of merchandise,
 * service lines (postage, fees) excluded, per stock code. Power BI only; its SQL twin is
 * the measure's twin in measure-twins.ts, which mart_product_performance's revenue_rank agrees with.
 */
export function productNetRevenueMeasure(productTable: string, serviceColumn: string): Kpi {
  return {
    name: 'Product Net Revenue',
    table: productTable,
    format: 'money',
    description: 'Net revenue of merchandise (service lines such as postage excluded), for ranking products by stock code.',
    dax: `CALCULATE([Net Revenue], KEEPFILTERS('${productTable}'[${serviceColumn}] = FALSE()))`,
  };
}

/** Sale lines a product needs before its cancellation rate is shown (mart_product_performance.has_volume, the dashboard's floor). */
export const CANCELLATION_RATE_FLOOR = 20;

/**
 * Cancellation rate of merchandise with enough sale lines in view to mean something: blank for service
 * lines and for products sold on fewer than CANCELLATION_RATE_FLOOR lines, as the dashboard's chart
 * leaves them out (one line cancelled in full would otherwise top the chart at 100%).
 */
export function productCancellationRateMeasure(productTable: string, serviceColumn: string, salesTable: string, lineTypeColumn: string): Kpi {
  return {
    name: 'Product Cancellation Rate',
    table: productTable,
    format: 'percent',
    description: `Cancelled amount as a share of gross revenue, for merchandise sold on at least ${CANCELLATION_RATE_FLOOR} sale lines in view (blank otherwise).`,
    dax: `VAR saleLines = CALCULATE(COUNTROWS('${salesTable}'), '${salesTable}'[${lineTypeColumn}] = "sale") RETURN IF(saleLines >= ${CANCELLATION_RATE_FLOOR}, CALCULATE([Cancellation Rate], KEEPFILTERS('${productTable}'[${serviceColumn}] = FALSE())))`,
  };
}
