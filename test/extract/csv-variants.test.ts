import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { StagedSalesLineSchema } from '../../schemas/sales-line.js';
import { SAMPLE_LINES, fixtureDir, writeCsv, type CsvVariant } from '../fixtures/sales-lines.js';
import { extractAndValidate, outputDirIn, query } from './run-steps.js';

const dir = fixtureDir('csv-variants');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The staged values that must not depend on how the file was written. */
const STAGED_VALUES = `
  select line_number, invoice_no, stock_code, description, quantity, invoiced_at, unit_price, line_amount, customer_id, country,
         is_cancellation, is_adjustment, is_service, is_duplicate, is_guest, is_nonpositive_price
  from stg_sales_lines order by line_number`;

const VARIANTS: Record<string, CsvVariant> = {
  'utf-8, comma, M/D/YYYY': {},
  'latin-1, comma': { encoding: 'latin-1' },
  'utf-8, semicolon, decimal comma': { delimiter: ';', decimalComma: true },
  'latin-1, semicolon, gzip': { encoding: 'latin-1', delimiter: ';', gzip: true },
  'utf-8, gzip, M/D/YY, customer 17850.0': { gzip: true, dateStyle: 'M/D/YY', customerAsDecimal: true },
  'Online Retail II layout, ISO dates, CRLF': { layout: 'Online Retail II', dateStyle: 'ISO', lineBreak: '\r\n' },
};

describe('extract + validate read every CSV variant the same way', async () => {
  const reference = await extractAndValidate([writeCsv(dir, 'reference.csv', SAMPLE_LINES)], outputDirIn(dir, 'reference'));
  const expected = await query(reference.database, STAGED_VALUES);

  it('stages the reference file with the pound sign intact', async () => {
    expect(expected).toHaveLength(SAMPLE_LINES.length);
    const voucher = expected.find((r) => r.stock_code === 'GIFT_0001_20');
    expect(voucher?.description).toBe('Dotcomgiftshop Gift Voucher £20.00');
    expect(expected[0]).toMatchObject({ line_number: '2', invoiced_at: '2010-12-01 08:26:00', unit_price: '2.550', customer_id: '17850' });
  });

  for (const [label, variant] of Object.entries(VARIANTS)) {
    it(label, async () => {
      const name = `${label.replace(/[^a-z0-9]+/gi, '-')}.${variant.gzip ? 'csv.gz' : 'csv'}`;
      const run = await extractAndValidate([writeCsv(dir, name, SAMPLE_LINES, variant)], outputDirIn(dir, name));
      expect(await query(run.database, STAGED_VALUES)).toEqual(expected);
      const [source] = await query(run.database, 'select encoding, delimiter, compression, header_layout from raw_sources');
      expect(source).toEqual({
        encoding: variant.encoding ?? 'utf-8',
        delimiter: variant.delimiter ?? ',',
        compression: variant.gzip ? 'gzip' : 'none',
        header_layout: variant.layout ?? 'Online Retail',
      });
      const text = JSON.stringify(await query(run.database, 'select description from stg_sales_lines'));
      expect(text).not.toMatch(/Â£|\uFFFD/);
    });
  }

  it('reads several files at once (a folder), keeping each line\'s file and line number', async () => {
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    const first = writeCsv(folder, 'a.csv', SAMPLE_LINES.slice(0, 3));
    const second = writeCsv(folder, 'b.csv.gz', SAMPLE_LINES.slice(3), { gzip: true, encoding: 'latin-1', delimiter: ';' });
    const run = await extractAndValidate([folder], outputDirIn(dir, 'folder'));
    const audit = await query(run.database, 'select source_file, rows_read, rows_staged, rows_quarantined from load_audit order by source_file');
    expect(audit).toEqual([
      { source_file: first, rows_read: '3', rows_staged: '3', rows_quarantined: '0' },
      { source_file: second, rows_read: '10', rows_staged: '10', rows_quarantined: '0' },
    ]);
    const last = await query(run.database, `select source_file, line_number, invoice_no from stg_sales_lines order by line_id desc limit 1`);
    expect(last).toEqual([{ source_file: second, line_number: '11', invoice_no: '581587' }]);
    expect(run.extract.notes.join('\n')).toContain(`${second}: 10 lines (csv.gz, latin-1, delimiter ";"`);
  });

  it('keeps a quoted line break in a description and numbers the lines after it by physical line', async () => {
    const lines = [{ ...SAMPLE_LINES[0]!, description: 'TWO\nLINES' }, SAMPLE_LINES[1]!];
    const path = writeCsv(dir, 'quoted-break.csv', lines);
    const run = await extractAndValidate([path], outputDirIn(dir, 'quoted-break'));
    expect(run.extract.notes.join('\n')).toContain('1 line(s) hold line breaks inside quotes (1 more physical lines; first at line 2)');
    const staged = await query(run.database, 'select * from stg_sales_lines order by line_id');
    expect(staged.map((l) => Number(l.line_number))).toEqual([2, 4]);
    const [first] = staged;
    expect(first?.description).toBe('TWO\nLINES');
    expect(StagedSalesLineSchema.safeParse(first).success).toBe(true);
  });
});
