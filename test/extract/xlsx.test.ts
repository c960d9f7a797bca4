import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import JSZip from 'jszip';

import { afterAll, describe, expect, it } from 'vitest';

import { SAMPLE_LINES, fixtureDir, writeCsv, writeXlsx, type SampleLine } from '../fixtures/sales-lines.js';
import { extractAndValidate, outputDirIn, query } from './run-steps.js';

const dir = fixtureDir('xlsx');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STAGED_VALUES = `
  select invoice_no, stock_code, description, quantity, invoiced_at, unit_price, line_amount, customer_id, country,
         is_cancellation, is_adjustment, is_service, is_duplicate, is_guest, is_nonpositive_price
  from stg_sales_lines order by invoiced_at, invoice_no, stock_code, is_duplicate`;

const inDays = (line: SampleLine, from: string, to: string) => {
  const [y, m, d] = line.at;
  const day = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return day >= from && day <= to;
};

describe('extract + validate read .xlsx workbooks', async () => {
  const csv = await extractAndValidate([writeCsv(dir, 'reference.csv', SAMPLE_LINES)], outputDirIn(dir, 'csv'));
  const expected = await query(csv.database, STAGED_VALUES);

  it('reads the original layout with real Excel date cells exactly as the CSV', async () => {
    const path = await writeXlsx(dir, 'Online Retail.xlsx', [{ name: 'Online Retail', lines: SAMPLE_LINES }]);
    const run = await extractAndValidate([path], outputDirIn(dir, 'original'));
    expect(await query(run.database, STAGED_VALUES)).toEqual(expected);
    const [first] = await query(run.database, 'select source_file, line_number, invoiced_at from stg_sales_lines order by line_id limit 1');
    expect(first).toEqual({ source_file: `${path}#Online Retail`, line_number: '2', invoiced_at: '2010-12-01 08:26:00' });
    // Numeric cells arrive as numbers; staged text must not gain a ".0" or lose the leading code digits.
    const [raw] = await query(run.database, `select invoice_no, stock_code, invoice_date, unit_price, customer_id from raw_sales_lines where line_number = 2`);
    expect(raw).toEqual({ invoice_no: '536365', stock_code: '85123A', invoice_date: '2010-12-01 08:26:00', unit_price: '2.55', customer_id: '17850' });
  });

  it('reads every sheet of an Online Retail II workbook and counts lines shared by two sheets once', async () => {
    const first = SAMPLE_LINES.filter((l) => inDays(l, '2009-12-01', '2010-12-09'));
    const second = SAMPLE_LINES.filter((l) => inDays(l, '2010-12-01', '2011-12-09'));
    const shared = first.filter((l) => second.includes(l)).length;
    expect(shared).toBeGreaterThan(2); // includes the duplicated pair, which must stay a duplicate
    const path = await writeXlsx(
      dir,
      'online_retail_II.xlsx',
      [
        { name: 'Year 2009-2010', lines: first },
        { name: 'Year 2010-2011', lines: second },
      ],
      'Online Retail II',
    );
    const run = await extractAndValidate([path], outputDirIn(dir, 'retail-ii'));
    expect(await query(run.database, STAGED_VALUES)).toEqual(expected);
    const audit = await query(run.database, 'select sheet_name, rows_read, rows_staged, rows_quarantined, rows_overlapping, header_layout from load_audit order by source_file');
    expect(audit).toEqual([
      { sheet_name: 'Year 2009-2010', rows_read: String(first.length), rows_staged: String(first.length), rows_quarantined: '0', rows_overlapping: '0', header_layout: 'Online Retail II' },
      { sheet_name: 'Year 2010-2011', rows_read: String(second.length), rows_staged: String(second.length - shared), rows_quarantined: '0', rows_overlapping: String(shared), header_layout: 'Online Retail II' },
    ]);
    const [overlap] = await query(run.database, `select rows from cleaning_rule_counts where rule = 'remove_source_overlap'`);
    expect(overlap).toEqual({ rows: String(shared) });
    expect(run.validate.notes[0]).toBe(`${SAMPLE_LINES.length + shared} read = ${SAMPLE_LINES.length} staged + 0 quarantined + ${shared} repeated in an earlier source`);
  });

  it('reads CSV and xlsx files given together', async () => {
    const a = writeCsv(dir, 'part-1.csv', SAMPLE_LINES.slice(0, 6));
    const b = await writeXlsx(dir, 'part-2.xlsx', [{ name: 'Sheet1', lines: SAMPLE_LINES.slice(6) }]);
    const run = await extractAndValidate([a, b], outputDirIn(dir, 'mixed'));
    expect(await query(run.database, STAGED_VALUES)).toEqual(expected);
    expect(await query(run.database, 'select source_file, file_format from raw_sources order by source_file')).toEqual([
      { source_file: a, file_format: 'csv' },
      { source_file: `${b}#Sheet1`, file_format: 'xlsx' },
    ]);
  });

  it('skips a sheet without sales columns and notes it', async () => {
    const path = await writeXlsx(dir, 'with-notes.xlsx', [
      { name: 'Read me', header: ['About this file'], rows: [['exported from the shop']] },
      { name: 'Data', lines: SAMPLE_LINES },
    ]);
    const run = await extractAndValidate([path], outputDirIn(dir, 'notes'));
    expect(run.validate.rowsOut).toBe(SAMPLE_LINES.length);
    expect(run.extract.notes.join('\n')).toContain('skipped sheet(s) without sales columns: Read me');
  });

  it('names a workbook whose text cells point into shared strings it does not hold as unreadable, after one more read', async () => {
    const path = await writeXlsx(dir, 'full.xlsx', [{ name: 'Data', lines: SAMPLE_LINES }]);
    const zip = await JSZip.loadAsync(readFileSync(path));
    zip.remove('xl/sharedStrings.xml');
    const broken = join(dir, 'no-shared-strings.xlsx');
    writeFileSync(broken, await zip.generateAsync({ type: 'nodebuffer' }));
    await expect(extractAndValidate([broken], outputDirIn(dir, 'no-shared-strings'))).rejects.toThrow(
      new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a readable \\.xlsx workbook \\(.*#Data: row 1: shared strings missing\\)`),
    );
  });
});
