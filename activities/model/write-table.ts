import { BIGINT, BOOLEAN, DOUBLE, DuckDBDataChunk, INTEGER, VARCHAR, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { Cell } from '../../analytics/cell.js';
import { quoteIdent, type Database } from '../../warehouse/db.js';
import type { ColumnType, TableSpec } from '../../warehouse/spec/types.js';
import { isCellColumns, toCellColumns, type TableCells } from '../threads/cell-columns.js';

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

const CHUNK_TYPE: Record<string, DuckDBType> = { VARCHAR, BIGINT, INTEGER, DOUBLE, BOOLEAN };

/** Rows per appended chunk: DuckDB's vector size. */
const CHUNK_ROWS = 2048;

/** A cell as the appender takes it for its load type; NaN and infinities load as null. */
function loadValue(type: ColumnType, value: Cell): DuckDBValue {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return null;
  switch (LOAD_TYPE[type]) {
    case 'BIGINT':
      return BigInt(value as string | number);
    case 'INTEGER':
    case 'DOUBLE':
      return Number(value);
    case 'BOOLEAN':
      return Boolean(value);
    default:
      return String(value);
  }
}

/**
 * Replaces `spec`'s table with `table` (rows of cells in the declared column order, or the same
 * cells column by column): bulk-loads them with the DuckDB appender into a temporary table, then
 * creates the table with the declared types, sorted by the primary key so that the same rows always
 * give the same table.
 */
export async function writeTable(db: Database, spec: TableSpec, table: TableCells): Promise<number> {
  const load = `${spec.name}__load`;
  const columns = spec.columns;
  await db.run(
    `create or replace temp table ${quoteIdent(load)} (${columns.map((c) => `${quoteIdent(c.name)} ${LOAD_TYPE[c.type]}`).join(', ')})`,
  );
  // toCellColumns refuses rows of different lengths; the check below, rows of the wrong length.
  const { rowCount, columns: cells } = isCellColumns(table) ? table : toCellColumns(table, spec.name);
  if (rowCount > 0 && cells.length !== columns.length) throw new RangeError(`${spec.name}: rows have ${cells.length} cells, the table ${columns.length} columns`);
  const types = columns.map((c) => CHUNK_TYPE[LOAD_TYPE[c.type]] as DuckDBType);
  const appender = await db.connection.createAppender(load);
  try {
    // Whole chunks, column by column: one call into DuckDB per chunk instead of one per cell.
    for (let first = 0; first < rowCount; first += CHUNK_ROWS) {
      const end = Math.min(first + CHUNK_ROWS, rowCount);
      const chunk = DuckDBDataChunk.create(types, end - first);
      chunk.setColumns(
        columns.map((c, i) => {
          const column = cells[i] as Float64Array | Cell[];
          return Array.from(column.slice(first, end) as ArrayLike<Cell>, (value) => loadValue(c.type, value));
        }),
      );
      appender.appendDataChunk(chunk);
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
  return rowCount;
}
