import type { DuckDBAppender } from '@duckdb/node-api';
import { quoteIdent, type Database } from '../../warehouse/db.js';
import type { ColumnType, TableSpec } from '../../warehouse/spec/types.js';

/** A cell as the models produce it: dates and timestamps as ISO text, BIGINT ids as decimal strings. */
export type Cell = string | number | boolean | null;

/** How a declared type travels through the appender; the final table casts to the declared type. */
const LOAD_TYPE: Record<ColumnType, string> = {
  VARCHAR: 'VARCHAR',
  BIGINT: 'BIGINT',
  INTEGER: 'INTEGER',
  DOUBLE: 'DOUBLE',
  'DECIMAL(18,3)': 'DOUBLE',
  DATE: 'VARCHAR',
  TIMESTAMP: 'VARCHAR',
  BOOLEAN: 'BOOLEAN',
};

function append(appender: DuckDBAppender, type: ColumnType, value: Cell): void {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) {
    appender.appendNull();
    return;
  }
  switch (LOAD_TYPE[type]) {
    case 'BIGINT':
      appender.appendBigInt(BigInt(value as string | number));
      break;
    case 'INTEGER':
      appender.appendInteger(Number(value));
      break;
    case 'DOUBLE':
      appender.appendDouble(Number(value));
      break;
    case 'BOOLEAN':
      appender.appendBoolean(Boolean(value));
      break;
    default:
      appender.appendVarchar(String(value));
  }
}

/**
 * Replaces `spec`'s table with `rows` (cells in the declared column order): bulk-loads them with the
 * DuckDB appender into a temporary table, then creates the table with the declared types, sorted by
 * the primary key so that the same rows always give the same table.
 */
export async function writeTable(db: Database, spec: TableSpec, rows: readonly (readonly Cell[])[]): Promise<number> {
  const load = `${spec.name}__load`;
  const columns = spec.columns;
  await db.run(
    `create or replace temp table ${quoteIdent(load)} (${columns.map((c) => `${quoteIdent(c.name)} ${LOAD_TYPE[c.type]}`).join(', ')})`,
  );
  const appender = await db.connection.createAppender(load);
  try {
    for (const row of rows) {
      if (row.length !== columns.length) throw new RangeError(`${spec.name}: row has ${row.length} cells, the table ${columns.length} columns`);
      columns.forEach((c, i) => append(appender, c.type, row[i] as Cell));
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  const select = columns.map((c) => `cast(${quoteIdent(c.name)} as ${c.type}) as ${quoteIdent(c.name)}`).join(', ');
  await db.run(
    `create or replace table ${quoteIdent(spec.name)} as select ${select} from ${quoteIdent(load)} order by ${spec.primaryKey.map(quoteIdent).join(', ')};
     drop table ${quoteIdent(load)};`,
  );
  return rows.length;
}
