import { describe, expect, it } from 'vitest';

import { tablesToColumns, toCellColumns } from '../../activities/threads/cell-columns.js';
import type { Cell } from '../../analytics/cell.js';
import { writeTable } from '../../activities/model/write-table.js';
import { withDatabase } from '../../warehouse/db.js';
import { defineTable } from '../../warehouse/spec/types.js';

const spec = defineTable({
  name: 'cells_check',
  description: 'test table',
  grain: 'one row per id',
  layer: 'model',
  publish: false,
  primaryKey: ['id'],
  columns: [
    { name: 'id', type: 'BIGINT', description: 'id' },
    { name: 'label', type: 'VARCHAR', description: 'text', nullable: true },
    { name: 'score', type: 'DOUBLE', description: 'number', nullable: true },
    { name: 'day', type: 'DATE', description: 'date', nullable: true },
    { name: 'flag', type: 'BOOLEAN', description: 'flag', nullable: true },
  ],
});

// 5,000 rows: more than two appender chunks, with nulls, NaN and infinities in the number column.
const rows: Cell[][] = Array.from({ length: 5_000 }, (_, i) => [
  String(10_000 + i),
  i % 7 === 0 ? null : `label ${i % 13}`,
  i % 11 === 0 ? null : i % 17 === 0 ? NaN : i % 19 === 0 ? Infinity : i / 3,
  i % 5 === 0 ? null : `2011-12-${String(1 + (i % 28)).padStart(2, '0')}`,
  i % 3 === 0 ? null : i % 2 === 0,
]);

describe('tables column by column', () => {
  it('keep numbers in typed arrays and everything else as cells', () => {
    const table = toCellColumns(rows);
    expect(table.rowCount).toBe(rows.length);
    expect(table.columns.map((c) => c instanceof Float64Array)).toEqual([false, false, true, false, false]);
    expect(() => toCellColumns([[1, 2], [3]], 'broken')).toThrow(/broken: row 2 has 1 cells, the first row 2/);
  });

  it('convert only non-empty tables of a result and list their buffers for a transfer', () => {
    const { result, transfer } = tablesToColumns({ rows, empty: [] as Cell[][], notes: ['a note'], figures: { auc: 0.7 } });
    expect(result.empty).toEqual([]);
    expect(result.notes).toEqual(['a note']);
    expect(result.figures).toEqual({ auc: 0.7 });
    expect(transfer).toHaveLength(1);
  });

  it('write the same table as the rows they came from', async () => {
    await withDatabase(':memory:', async (db) => {
      await writeTable(db, spec, rows);
      const fromRows = await db.all('select * from cells_check order by id');
      await writeTable(db, spec, toCellColumns(rows));
      const fromColumns = await db.all('select * from cells_check order by id');
      expect(fromColumns).toEqual(fromRows);
      expect(fromRows).toHaveLength(rows.length);
      expect(await db.number('select count(*) from cells_check where score is null')).toBe(rows.filter((r) => r[2] === null || !Number.isFinite(r[2] as number)).length);
      await writeTable(db, spec, toCellColumns([]));
      expect(await db.number('select count(*) from cells_check')).toBe(0);
      await expect(writeTable(db, spec, [['1', 'a', 1, null, true, 'extra']])).rejects.toThrow(/cells_check: rows have 6 cells, the table 5 columns/);
      await expect(writeTable(db, spec, [rows[1] as Cell[], ['1']])).rejects.toThrow(/cells_check: row 2 has 1 cells, the first row 5/);
    });
  });
});
