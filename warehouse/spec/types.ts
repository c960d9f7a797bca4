/**
 * The table specification: one declaration per table drives the data tests, the Parquet export,
 * the Excel sheets, the Power BI model (TMDL) and the README's table reference.
 */

/** DuckDB types used by published tables; each maps to one Power BI / Parquet type. */
// Money is DECIMAL(18,3): a few unit prices in the data have three decimals (0.001).
export type ColumnType = 'VARCHAR' | 'BIGINT' | 'INTEGER' | 'DOUBLE' | 'DECIMAL(18,3)' | 'DATE' | 'TIMESTAMP' | 'BOOLEAN';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** What a person sees as the column's header (dashboard, workbook, Power BI); see columnLabel. */
  label?: string;
  description: string;
  /** Nullable columns are exempt from the generated not-null test. */
  nullable?: boolean;
  /** Values a label or flag may take; generates an accepted-values test. */
  accepted?: readonly string[];
  /** Display hint for Excel / Power BI. */
  format?: 'money' | 'percent' | 'integer' | 'decimal' | 'date' | 'datetime';
  /** Power BI data category, e.g. 'Country' so that map visuals work. */
  dataCategory?: 'Country' | 'StateOrProvince' | 'City' | 'Continent';
}

export interface ForeignKey {
  columns: readonly string[];
  references: { table: string; columns: readonly string[] };
  /** Rows whose key is null are not checked (for example guest sales without a customer). */
  allowNull?: boolean;
}

/** A custom data test: SQL that returns the offending rows (none = pass). */
export interface SqlTest {
  name: string;
  description: string;
  sql: string;
}

export interface TableSpec {
  name: string;
  description: string;
  /** One sentence: what one row is. */
  grain: string;
  /**
   * The layer, named for the folder that holds the contract: warehouse/staging/ ('staging' and the
   * 'quality' tables validate derives from the staged lines), marts/, models/, actions/, operations/.
   */
  layer: 'staging' | 'quality' | 'mart' | 'model' | 'action' | 'operations';
  columns: readonly ColumnSpec[];
  primaryKey: readonly string[];
  foreignKeys?: readonly ForeignKey[];
  tests?: readonly SqlTest[];
  /**
   * The SQL file that builds the table, relative to warehouse/ (read with `sql()`); several tables may
   * share one file. None when TypeScript code writes the table.
   */
  sql?: string;
  /**
   * The tables its SQL reads: the build order of a step is derived from these (warehouse/build-order.ts).
   * Tables built by an earlier step may be named too; they only order the tables of the same step.
   */
  dependsOn?: readonly string[];
  /** Published tables become Parquet files, Power BI tables and (optionally) Excel sheets. */
  publish: boolean;
  /** Sheet name in the Excel workbook, when the table gets one. */
  excelSheet?: string;
  /**
   * The SQL that builds the table ends with `order by` its primary key, so its rows are stored in
   * key order and publish copies them as stored instead of sorting them again (for the largest
   * tables the sort was most of the copy's time and memory).
   */
  storedInKeyOrder?: boolean;
}

/** Identity helper that keeps literal types and checks the shape. */
export function defineTable(spec: TableSpec): TableSpec {
  return spec;
}

/**
 * Words written in capitals (or a fixed spelling) when a column name becomes a label. Kept short:
 * a column whose humanised name still reads badly declares its own `label`.
 */
const LABEL_WORDS: Readonly<Record<string, string>> = {
  id: 'ID',
  ids: 'IDs',
  iso: 'ISO',
  rfm: 'RFM',
  auc: 'AUC',
  roc: 'ROC',
  aov: 'AOV',
  clv: 'CLV',
  ltv: 'LTV',
  dbscan: 'DBSCAN',
  kmeans: 'K-Means',
  mase: 'MASE',
  mae: 'MAE',
  sku: 'SKU',
  uk: 'UK',
  pct: '%',
};

/**
 * The label a person sees for a column (dashboard, workbook, Power BI): its declared `label`, else
 * its name with underscores as spaces, the first word capitalised and known abbreviations in capitals
 * (`revenue_at_stake` -> "Revenue at stake", `customer_id` -> "Customer ID"). The naming conventions
 * read as a person would say them: a flag `is_service` -> "Service?", a time `last_purchase_at` ->
 * "Last purchase".
 */
export function columnLabel(column: Pick<ColumnSpec, 'name' | 'label'>): string {
  if (column.label) return column.label;
  let parts = column.name.split('_').filter((w) => w.length > 0);
  const flag = parts[0] === 'is' && parts.length > 1;
  if (flag) parts = parts.slice(1);
  if (parts.length > 1 && parts[parts.length - 1] === 'at') parts = parts.slice(0, -1);
  const [first = '', ...rest] = parts.map((w) => LABEL_WORDS[w] ?? w);
  const label = [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
  return flag ? `${label}?` : label;
}
