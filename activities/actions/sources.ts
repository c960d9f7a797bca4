import type { Database } from '../../warehouse/db.js';

/** The columns of a table of the main schema (or temp tables), lower-cased; empty when the table does not exist. */
export async function tableColumns(db: Database, table: string): Promise<Set<string>> {
  const rows = await db.all<{ name: string }>(
    `select lower(column_name) as name from duckdb_columns() where table_name = $table and schema_name in ('main', 'temp') order by column_index`,
    { table },
  );
  return new Set(rows.map((r) => r.name));
}

/** True when `table` exists with every one of `columns`. */
export async function hasColumns(db: Database, table: string, columns: readonly string[]): Promise<boolean> {
  const present = await tableColumns(db, table);
  return present.size > 0 && columns.every((c) => present.has(c));
}
