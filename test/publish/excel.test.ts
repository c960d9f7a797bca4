import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { sheetName, writeWorkbook } from '../../publish/excel.js';
import { withDatabase } from '../../warehouse/db.js';
import { PUBLISHED_TABLES } from '../../warehouse/tables.js';
import { defineTable } from '../../warehouse/spec/types.js';
import { FORMULA_LIKE, runPipeline, type PipelineRun } from './pipeline.js';

let run: PipelineRun;
beforeAll(async () => {
  run = await runPipeline();
}, 60_000);

async function readWorkbook(file: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

describe('the published workbook', () => {
  it('has a summary and one sheet per table that asks for one, with frozen headers and filters', async () => {
    const workbook = await readWorkbook(join(run.layout.publishedRoot, 'current', 'workbook.xlsx'));
    const expected = ['Summary', ...PUBLISHED_TABLES.filter((t) => t.excelSheet).map((t) => sheetName(t.excelSheet as string))];
    expect(workbook.worksheets.map((w) => w.name)).toEqual(expected);
    const summary = workbook.getWorksheet('Summary') as ExcelJS.Worksheet;
    const labels = summary.getColumn(1).values.map(String);
    expect(labels).toContain('Total Revenue');
    expect(labels).toContain('Row accounting (every line read is staged or quarantined)');
    for (const spec of PUBLISHED_TABLES.filter((t) => t.excelSheet)) {
      const sheet = workbook.getWorksheet(sheetName(spec.excelSheet as string)) as ExcelJS.Worksheet;
      expect(sheet.getRow(1).values).toEqual([undefined, ...spec.columns.map((c) => c.name)]);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter, spec.name).toBeTruthy();
      spec.columns.forEach((c, i) => {
        const cell = sheet.getRow(2).getCell(i + 1);
        if (cell.value === null) return;
        if (c.format === 'money') expect(cell.numFmt, `${spec.name}.${c.name}`).toContain('£');
        if (c.type === 'DATE' || c.type === 'TIMESTAMP') expect(cell.value, `${spec.name}.${c.name}`).toBeInstanceOf(Date);
        if (['BIGINT', 'INTEGER', 'DOUBLE', 'DECIMAL(18,3)'].includes(c.type)) expect(typeof cell.value, `${spec.name}.${c.name}`).toBe('number');
      });
    }
  });

  it('keeps formula-like text from the input as plain strings and contains no formula at all', async () => {
    const workbook = await readWorkbook(join(run.layout.publishedRoot, 'current', 'workbook.xlsx'));
    const seen = new Set<string>();
    let formulas = 0;
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula || cell.formula) formulas++;
          if (typeof cell.value === 'string' && FORMULA_LIKE.includes(cell.value)) {
            expect(cell.type).toBe(ExcelJS.ValueType.String);
            seen.add(cell.value);
          }
        }),
      );
    }
    expect(formulas).toBe(0);
    expect([...seen].sort(), 'every formula-like description appears as text').toEqual([...FORMULA_LIKE].sort());
  });

  it('stops a sheet at the row limit and says so on the summary', async () => {
    const spec = defineTable({
      name: 'many_rows',
      description: 'test',
      grain: 'one number',
      layer: 'mart',
      publish: true,
      excelSheet: 'Many/rows',
      primaryKey: ['n'],
      columns: [
        { name: 'n', type: 'BIGINT', description: 'n', format: 'integer' },
        { name: 'label', type: 'VARCHAR', description: 'text' },
      ],
    });
    const file = join(mkdtempSync(join(tmpdir(), 'xlsx-')), 'w.xlsx');
    const sheets = await withDatabase(':memory:', async (db) => {
      await db.run("create table many_rows as select range as n, '=1+' || range as label from range(250)");
      return writeWorkbook(db, [spec], file, { refreshId: 'r', warehouse: 'w', maxRows: 100 });
    });
    expect(sheets).toEqual([{ sheet: 'Many rows', table: 'many_rows', rows: 100, total: 250 }]);
    const workbook = await readWorkbook(file);
    expect(workbook.getWorksheet('Many rows')?.rowCount).toBe(101);
    expect(workbook.getWorksheet('Many rows')?.getCell('B2').value).toBe('=1+0');
    const notes = (workbook.getWorksheet('Summary') as ExcelJS.Worksheet).getColumn(3).values.map(String);
    expect(notes.some((n) => n.includes('first 100 of 250 rows'))).toBe(true);
  });
});
