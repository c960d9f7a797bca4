import type { TableSpec } from '../warehouse/spec/types.js';

/**
 * The reports (Power BI pages, Excel summary, dashboard) read a known set of tables of the
 * specification. A role names one of them and the columns a report relies on; it is bound only when
 * that table is published with every one of those columns, so a report part whose table is missing
 * (a smaller specification in a test, a table renamed later) is left out instead of failing.
 */
export interface TableRole {
  table: string;
  /** Logical column -> column name in the table. */
  columns: Record<string, string>;
}

/** A table found for a role, with the column name for each logical column. */
export interface BoundTable<K extends string = string> {
  spec: TableSpec;
  name: string;
  col: Record<K, string>;
}

export const ROLES = {
  /** Sales lines with flags: the base of revenue, orders and cancellation measures (warehouse/CANCELLATIONS.md). */
  sales: {
    table: 'fact_invoice_line',
    columns: {
      amount: 'line_amount',
      netAmount: 'net_line_amount',
      cancelledAmount: 'cancelled_amount',
      lineType: 'line_type',
      invoice: 'invoice_no',
      customer: 'customer_id',
      guest: 'is_guest',
      date: 'invoice_date',
      dateKey: 'date_key',
      country: 'country',
      product: 'stock_code',
      quantity: 'quantity',
      service: 'is_service',
      price: 'unit_price',
    },
  },
  /** Every invoice with its type, for counting cancellation invoices. */
  invoices: { table: 'fact_invoice', columns: { invoice: 'invoice_no', type: 'invoice_type' } },
  date: { table: 'dim_date', columns: { key: 'date_key', month: 'year_month' } },
  country: { table: 'dim_country', columns: { country: 'country', name: 'country_name' } },
  customer: { table: 'dim_customer', columns: { customer: 'customer_id', country: 'country' } },
  product: { table: 'dim_product', columns: { product: 'stock_code', description: 'description' } },
  rfm: {
    table: 'customer_rfm',
    columns: { customer: 'customer_id', recency: 'recency_days', frequency: 'frequency', monetary: 'monetary', segment: 'segment' },
  },
  segments: { table: 'customer_segment', columns: { customer: 'customer_id', segment: 'rfm_segment', cluster: 'cluster', persona: 'persona' } },
  clusterProfiles: {
    table: 'customer_cluster_profile',
    columns: { method: 'method', cluster: 'cluster', persona: 'persona', customers: 'customers', revenueShare: 'revenue_share' },
  },
  kSelection: { table: 'model_k_selection', columns: { k: 'k', silhouette: 'silhouette', chosen: 'is_chosen' } },
  cohorts: { table: 'mart_cohort_retention', columns: { cohort: 'cohort_month', period: 'months_since', retention: 'retention_rate' } },
  churn: { table: 'churn_prediction', columns: { customer: 'customer_id', probability: 'probability', band: 'risk_band', flagged: 'is_flagged' } },
  highValue: { table: 'high_value_prediction', columns: { customer: 'customer_id', probability: 'probability', flagged: 'is_flagged' } },
  loadAudit: { table: 'load_audit', columns: { source: 'source_file', read: 'rows_read', staged: 'rows_staged', quarantined: 'rows_quarantined' } },
  quarantine: { table: 'quarantine', columns: { reason: 'reason' } },
  cleaningRules: { table: 'cleaning_rule_counts', columns: { order: 'rule_order', rule: 'rule', action: 'action', rows: 'rows' } },
  profile: { table: 'tab_info', columns: { position: 'column_position', column: 'column_name', nulls: 'null_count', distinct: 'distinct_count' } },
  runHistory: { table: 'run_history', columns: { refresh: 'refresh_id', status: 'status', started: 'started_at', finished: 'finished_at' } },
  campaignSummary: {
    table: 'campaign_summary',
    columns: { action: 'action', order: 'action_order', customers: 'customers', expectedValue: 'expected_value', atStake: 'revenue_at_stake' },
  },
  campaignList: {
    table: 'campaign_list',
    columns: { customer: 'customer_id', action: 'action', segment: 'segment', band: 'risk_band', probability: 'churn_probability', atStake: 'revenue_at_stake' },
  },
  associations: {
    table: 'product_association',
    columns: { antecedent: 'antecedent_description', consequent: 'consequent_description', support: 'support', confidence: 'confidence', lift: 'lift' },
  },
  demandWeekly: { table: 'demand_weekly', columns: { type: 'series_type', series: 'series', label: 'series_label', week: 'week_start', units: 'units' } },
  demandForecast: {
    table: 'demand_forecast',
    columns: { type: 'series_type', series: 'series', label: 'series_label', week: 'week_start', forecast: 'units_forecast', lower: 'lower', upper: 'upper' },
  },
} as const satisfies Record<string, TableRole>;

export type RoleName = keyof typeof ROLES;
type ColumnsOf<R extends RoleName> = Extract<keyof (typeof ROLES)[R]['columns'], string>;

/** The published table that plays `role`, or undefined when it is not published or lacks a role column. */
export function findRole<R extends RoleName>(specs: readonly TableSpec[], role: R): BoundTable<ColumnsOf<R>> | undefined {
  const { table, columns } = ROLES[role];
  const spec = specs.find((s) => s.name === table);
  if (!spec) return undefined;
  for (const column of Object.values(columns) as string[]) if (!spec.columns.some((c) => c.name === column)) return undefined;
  return { spec, name: spec.name, col: { ...columns } as Record<ColumnsOf<R>, string> };
}

/** A column of a table when it exists (for optional extras). */
export function optionalColumn(spec: TableSpec, names: readonly string[]): string | undefined {
  for (const name of names) if (spec.columns.some((c) => c.name === name)) return name;
  return undefined;
}

/** Every role bound against the given tables, for generators that need several of them. */
export function bindRoles(specs: readonly TableSpec[]) {
  const bound = {} as { [R in RoleName]: BoundTable<ColumnsOf<R>> | undefined };
  for (const role of Object.keys(ROLES) as RoleName[]) (bound as Record<RoleName, unknown>)[role] = findRole(specs, role);
  return bound;
}
export type Roles = ReturnType<typeof bindRoles>;
