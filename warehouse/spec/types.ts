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
  layer: 'staging' | 'quality' | 'mart' | 'analytics' | 'model' | 'operations';
  columns: readonly ColumnSpec[];
  primaryKey: readonly string[];
  foreignKeys?: readonly ForeignKey[];
  tests?: readonly SqlTest[];
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
