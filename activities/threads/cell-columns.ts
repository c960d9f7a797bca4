import type { Cell } from '../../analytics/cell.js';

/** One column of a table: numbers in a Float64Array (NaN for null), any other column as its cells. */
export type CellColumn = Float64Array | Cell[];

/**
 * A table's cells column by column. Model threads send their tables in this form: a number column
 * is one buffer handed over without a copy, where rows were copied array by array and cell by cell
 * into the main thread, which then held them as small objects until the step ended.
 */
export interface CellColumns {
  rowCount: number;
  columns: CellColumn[];
}

/** Rows as the models build them, or the same cells column by column. */
export type TableCells = readonly (readonly Cell[])[] | CellColumns;

export function isCellColumns(table: TableCells): table is CellColumns {
  return !Array.isArray(table);
}

/** The rows' cells column by column; a column of numbers and nulls only becomes a Float64Array. */
export function toCellColumns(rows: readonly (readonly Cell[])[], name = 'table'): CellColumns {
  const width = rows[0]?.length ?? 0;
  const uneven = rows.findIndex((row) => row.length !== width);
  if (uneven >= 0) throw new RangeError(`${name}: row ${uneven + 1} has ${rows[uneven]?.length} cells, the first row ${width}`);
  const columns: CellColumn[] = [];
  for (let c = 0; c < width; c++) {
    const numeric = rows.every((row) => row[c] === null || typeof row[c] === 'number');
    if (numeric) {
      const values = new Float64Array(rows.length);
      rows.forEach((row, r) => (values[r] = (row[c] as number | null) ?? NaN));
      columns.push(values);
    } else columns.push(rows.map((row) => row[c] as Cell));
  }
  return { rowCount: rows.length, columns };
}

/** True for a non-empty array of rows (an empty array stays as it is: it could as well be a list of notes). */
function isRows(value: unknown): value is Cell[][] {
  return Array.isArray(value) && value.length > 0 && value.every((row) => Array.isArray(row));
}

/** A task result with every table (array of rows) turned into columns. */
export type WithCellColumns<R> = { [K in keyof R]: R[K] extends readonly (readonly Cell[])[] ? TableCells : R[K] };

/** Turns every table of a result into columns, and lists the buffers a thread can hand over without a copy. */
export function tablesToColumns<R extends object>(result: R): { result: WithCellColumns<R>; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const converted = Object.fromEntries(
    Object.entries(result).map(([key, value]) => {
      if (!isRows(value)) return [key, value];
      const table = toCellColumns(value, key);
      for (const column of table.columns) if (column instanceof Float64Array) transfer.push(column.buffer as ArrayBuffer);
      return [key, table];
    }),
  );
  return { result: converted as WithCellColumns<R>, transfer };
}
