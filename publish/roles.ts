import type { ColumnSpec, TableSpec } from '../warehouse/spec/types.js';

/**
 * The reports (Power BI pages, Excel summary, dashboard) need a few kinds of table — sales lines,
 * segments, churn predictions, ... — whose exact names and columns are still being settled. A role
 * finds the published table that plays a part by the columns it has, so a table added to the
 * specification shows up in every output without touching this folder.
 */
export interface TableRole {
  /** Preferred table names, tried first in this order. */
  names: readonly string[];
  /** Every one of these column groups must be present; each group lists accepted names. */
  columns: Record<string, readonly string[]>;
}

/** A table found for a role, with the actual column name for each logical column. */
export interface BoundTable<K extends string = string> {
  spec: TableSpec;
  name: string;
  col: Record<K, string>;
}

export const ROLES = {
  /** Sales lines with flags: the base of revenue, orders and cancellation measures. */
  sales: {
    names: ['fact_invoice_line'],
    columns: {
      amount: ['line_amount'],
      invoice: ['invoice_no'],
      cancelled: ['is_cancellation'],
      customer: ['customer_id'],
      guest: ['is_guest'],
      date: ['invoice_date'],
      country: ['country'],
      product: ['stock_code'],
      quantity: ['quantity'],
    },
  },
  country: { names: ['dim_country'], columns: { country: ['country'] } },
  product: { names: ['dim_product'], columns: { product: ['stock_code'], description: ['description'] } },
  rfm: { names: ['customer_rfm'], columns: { customer: ['customer_id'], recency: ['recency_days'], frequency: ['frequency'], monetary: ['monetary'] } },
  segments: {
    names: ['customer_segments', 'customer_segment', 'rfm_segments', 'customer_rfm'],
    columns: { customer: ['customer_id'], segment: ['segment', 'rfm_segment'] },
  },
  clusterProfiles: {
    names: ['cluster_profiles', 'customer_cluster_profiles', 'cluster_profile'],
    columns: { cluster: ['cluster', 'cluster_id'], customers: ['customers', 'customer_count'] },
  },
  clusters: {
    names: ['customer_clusters', 'customer_cluster'],
    columns: { customer: ['customer_id'], cluster: ['cluster', 'cluster_id'] },
  },
  cohorts: {
    names: ['mart_cohort_retention', 'cohort_retention', 'customer_cohorts'],
    columns: {
      cohort: ['cohort_month', 'cohort'],
      period: ['months_since', 'months_since_first', 'month_number', 'period', 'months_since_cohort', 'month_index', 'period_month'],
      retention: ['retention_rate', 'retention', 'retained_share'],
    },
  },
  churn: {
    names: ['churn_predictions', 'customer_churn', 'churn_scores'],
    columns: { customer: ['customer_id'], probability: ['churn_probability', 'churn_score', 'probability'] },
  },
  loadAudit: { names: ['load_audit'], columns: { read: ['rows_read'], staged: ['rows_staged'], quarantined: ['rows_quarantined'] } },
  quarantine: { names: ['quarantine'], columns: { reason: ['reason'] } },
  profile: {
    names: ['data_profile', 'column_profile', 'staging_profile', 'profile'],
    columns: { column: ['column_name'], stats: ['null_count', 'nulls', 'null_share', 'distinct_count', 'distinct_values'] },
  },
} as const satisfies Record<string, TableRole>;

export type RoleName = keyof typeof ROLES;
type ColumnsOf<R extends RoleName> = Extract<keyof (typeof ROLES)[R]['columns'], string>;

function columnNamed(spec: TableSpec, names: readonly string[]): ColumnSpec | undefined {
  for (const name of names) {
    const column = spec.columns.find((c) => c.name === name);
    if (column) return column;
  }
  return undefined;
}

/** Binds a role to a table, or returns undefined when the table lacks one of the role's columns. */
function bind<R extends RoleName>(role: R, spec: TableSpec): BoundTable<ColumnsOf<R>> | undefined {
  const col: Record<string, string> = {};
  for (const [key, names] of Object.entries(ROLES[role].columns) as [string, readonly string[]][]) {
    const column = columnNamed(spec, names);
    if (!column) return undefined;
    col[key] = column.name;
  }
  return { spec, name: spec.name, col: col as Record<ColumnsOf<R>, string> };
}

/**
 * The published table that plays `role`: a table with one of the preferred names and all role
 * columns, else the first published table that has all role columns. Undefined if none does.
 */
export function findRole<R extends RoleName>(specs: readonly TableSpec[], role: R): BoundTable<ColumnsOf<R>> | undefined {
  for (const name of ROLES[role].names) {
    const spec = specs.find((s) => s.name === name);
    const bound = spec && bind(role, spec);
    if (bound) return bound;
  }
  for (const spec of specs) {
    const bound = bind(role, spec);
    if (bound) return bound;
  }
  return undefined;
}

/** The optional column of a table among accepted names (for extras such as a risk band). */
export function optionalColumn(spec: TableSpec, names: readonly string[]): string | undefined {
  return columnNamed(spec, names)?.name;
}

/** Every role bound against the given tables, for generators that need several of them. */
export function bindRoles(specs: readonly TableSpec[]) {
  return {
    sales: findRole(specs, 'sales'),
    country: findRole(specs, 'country'),
    product: findRole(specs, 'product'),
    rfm: findRole(specs, 'rfm'),
    segments: findRole(specs, 'segments'),
    clusterProfiles: findRole(specs, 'clusterProfiles'),
    clusters: findRole(specs, 'clusters'),
    cohorts: findRole(specs, 'cohorts'),
    churn: findRole(specs, 'churn'),
    loadAudit: findRole(specs, 'loadAudit'),
    quarantine: findRole(specs, 'quarantine'),
    profile: findRole(specs, 'profile'),
  };
}
export type Roles = ReturnType<typeof bindRoles>;
