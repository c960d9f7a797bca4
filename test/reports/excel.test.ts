import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { sheetName, writeWorkbook } from '../../reports/excel.js';
import { withDatabase } from '../../warehouse/db.js';
import { PUBLISHED_TABLES } from '../../warehouse/tables.js';
import { columnLabel, defineTable } from '../../warehouse/spec/types.js';
import { workbookSheets } from '../../reports/workbook-sheets.js';
import { FORMULA_LIKE, runPipeline, type PipelineRun } from '../publish/pipeline.js';

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
  it('has a summary, a joined Customers sheet, business sheets before checks, human headers with notes, frozen headers and filters', async () => {
    const workbook = await readWorkbook(join(run.layout.publishedRoot, 'current', 'workbook.xlsx'));
    const sources = workbookSheets(PUBLISHED_TABLES);
    const names = workbook.worksheets.map((w) => w.name);
    expect(names).toEqual(['Summary', ...sources.map((s) => sheetName(s.title))]);
    expect(names[1]).toBe('Customers');
    // Every table that asks for a sheet has one; business sheets come before every check sheet.
    expect(new Set(names)).toEqual(new Set(['Summary', 'Customers', ...PUBLISHED_TABLES.filter((t) => t.excelSheet).map((t) => sheetName(t.excelSheet as string))]));
    const lastBusiness = Math.max(...sources.map((s, i) => (s.kind === 'business' ? i : -1)));
    const firstCheck = sources.findIndex((s) => s.kind === 'check');
    expect(lastBusiness).toBeLessThan(firstCheck);
    expect(names.indexOf('Campaign list')).toBeLessThan(names.indexOf('Quarantine'));
    expect(names.indexOf('Product performance')).toBeLessThan(names.indexOf('Load audit'));

    const summary = workbook.getWorksheet('Summary') as ExcelJS.Worksheet;
    const labels = summary.getColumn(1).values.map(String);
    expect(labels).toContain('Total Revenue');
    expect(labels).toContain('Data period');
    expect(labels).toContain('Row accounting (every line read is staged or quarantined)');
    const links: string[] = [];
    summary.eachRow((row) => {
      const v = row.getCell(1).value as { hyperlink?: string } | null;
      if (v && typeof v === 'object' && v.hyperlink) links.push(v.hyperlink);
    });
    expect(links).toEqual(sources.map((s) => `#'${sheetName(s.title)}'!A1`));

    for (const source of sources) {
      const sheet = workbook.getWorksheet(sheetName(source.title)) as ExcelJS.Worksheet;
      const header = sheet.getRow(1);
      expect(header.values).toEqual([undefined, ...source.columns.map((c) => columnLabel(c))]);
      source.columns.forEach((c, i) => {
        const note = header.getCell(i + 1).note;
        const text = typeof note === 'string' ? note : (note?.texts ?? []).map((t) => t.text).join('');
        expect(text, `${source.title}.${c.name}`).toContain(c.description);
      });
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter, source.title).toBeTruthy();
      source.columns.forEach((c, i) => {
        const cell = sheet.getRow(2).getCell(i + 1);
        if (c.type === 'VARCHAR' && typeof cell.value === 'string') {
          expect(sheet.getColumn(i + 1).width, `${source.title}.${c.name} width`).toBeGreaterThanOrEqual(Math.min(60, cell.value.length + 2));
        }
        if (cell.value === null) return;
        if (c.format === 'money') expect(cell.numFmt, `${source.title}.${c.name}`).toContain('£');
        if (c.type === 'DATE' || c.type === 'TIMESTAMP') expect(cell.value, `${source.title}.${c.name}`).toBeInstanceOf(Date);
        if (['BIGINT', 'INTEGER', 'DOUBLE', 'DECIMAL(18,3)'].includes(c.type)) expect(typeof cell.value, `${source.title}.${c.name}`).toBe('number');
      });
    }
  });

  it('sorts business sheets by what the business means: value at stake and net revenue', async () => {
    const workbook = await readWorkbook(join(run.layout.publishedRoot, 'current', 'workbook.xlsx'));
    const column = (sheet: string, label: string): unknown[] => {
      const ws = workbook.getWorksheet(sheet) as ExcelJS.Worksheet;
      const index = (ws.getRow(1).values as unknown[]).indexOf(label);
      expect(index, `${sheet}: ${label}`).toBeGreaterThan(0);
      return ws.getColumn(index).values.slice(2);
    };
    const descending = (values: unknown[]) => {
      const numbers = values.filter((v): v is number => typeof v === 'number');
      expect(numbers.length).toBeGreaterThan(1);
      expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    };
    descending(column('Customers', 'Revenue at stake'));
    descending(column('Campaign list', 'Revenue at stake'));
    const ranks = column('Product performance', 'Revenue rank').filter((v): v is number => typeof v === 'number');
    expect(ranks[0]).toBe(1);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // The Customers sheet joins what the analyst would otherwise look up: every customer of the campaign list, once.
    const ids = column('Customers', 'Customer ID');
    expect(new Set(ids).size).toBe(ids.length);
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
    const messages: string[] = [];
    const sheets = await withDatabase(':memory:', async (db) => {
      await db.run("create table many_rows as select range as n, '=1+' || range as label from range(250)");
      return writeWorkbook(db, [spec], file, { refreshId: 'r', warehouse: 'w', maxRows: 100, progress: (m) => messages.push(m) });
    });
    expect(messages).toEqual(['workbook: sheet 1 of 1 (Many rows), 0 of 100 rows (0%)']);
    expect(sheets).toEqual([{ sheet: 'Many rows', table: 'many_rows', rows: 100, total: 250 }]);
    const workbook = await readWorkbook(file);
    expect(workbook.getWorksheet('Many rows')?.rowCount).toBe(101);
    expect(workbook.getWorksheet('Many rows')?.getCell('B2').value).toBe('=1+0');
    const notes = (workbook.getWorksheet('Summary') as ExcelJS.Worksheet).getColumn(3).values.map(String);
    expect(notes.some((n) => n.includes('first 100 of 250 rows'))).toBe(true);
  });
});
