import { rmSync } from 'node:fs';

import { afterAll, describe, expect, it } from 'vitest';

import { RawSalesLineSchema, StagedSalesLineSchema } from '../../schemas/sales-line.js';
import { runDataTests } from '../../warehouse/data-tests.js';
import { withDatabase } from '../../warehouse/db.js';
import { STAGING_TABLES, rawSalesLines, stgSalesLines } from '../../warehouse/staging/index.js';
import { SAMPLE_EXPECTED, SAMPLE_LINES, fixtureDir, lineFields, writeCsv } from '../fixtures/sales-lines.js';
import { extractAndValidate, outputDirIn, query } from './run-steps.js';

const dir = fixtureDir('contract');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Lines that break the contract, one rule each, appended after the sample lines (from line 15). */
const base = lineFields(SAMPLE_LINES[0]!);
const withField = (index: number, value: string) => base.map((f, i) => (i === index ? value : f));
const BROKEN = [
  { fields: withField(0, ''), reason: 'missing invoice number', column: 'InvoiceNo' },
  { fields: withField(1, '  '), reason: 'missing stock code', column: 'StockCode' },
  { fields: withField(3, '6.5'), reason: 'quantity is not a whole number', column: 'Quantity' },
  { fields: withField(3, 'six'), reason: 'quantity is not a number', column: 'Quantity' },
  { fields: withField(4, '31/12/2010 10:00'), reason: 'invoice date not understood', column: 'InvoiceDate' },
  { fields: withField(4, ''), reason: 'missing invoice date', column: 'InvoiceDate' },
  { fields: withField(5, '2.55 GBP'), reason: 'unit price is not a number', column: 'UnitPrice' },
  { fields: withField(6, '17850.5'), reason: 'customer id is not a positive whole number', column: 'CustomerID' },
  { fields: withField(7, ''), reason: 'missing country', column: 'Country' },
] as const;

describe('the sales-line contract', async () => {
  const path = writeCsv(dir, 'contract.csv', SAMPLE_LINES, {}, BROKEN.map((b) => b.fields));
  const run = await extractAndValidate([path], outputDirIn(dir, 'run'), 1);

  it('zod schemas have exactly the specified columns, in order, with the same nullability', () => {
    expect(Object.keys(StagedSalesLineSchema.shape)).toEqual(stgSalesLines.columns.map((c) => c.name));
    expect(Object.keys(RawSalesLineSchema.shape)).toEqual(rawSalesLines.columns.map((c) => c.name));
    for (const column of stgSalesLines.columns) {
      const accepts = StagedSalesLineSchema.shape[column.name as keyof typeof StagedSalesLineSchema.shape].safeParse(null).success;
      expect([column.name, accepts]).toEqual([column.name, Boolean(column.nullable)]);
    }
  });

  it('every table of the staging specification exists with the declared columns and types', async () => {
    await withDatabase(run.database, async (db) => {
      for (const spec of STAGING_TABLES) {
        const columns = await db.all<{ column_name: string; data_type: string }>(
          `select column_name, data_type from information_schema.columns where table_name = $table order by ordinal_position`,
          { table: spec.name },
        );
        expect([spec.name, columns]).toEqual([spec.name, spec.columns.map((c) => ({ column_name: c.name, data_type: c.type }))]);
      }
    });
  });

  it('the declared data tests pass on staging and quality tables', async () => {
    await withDatabase(run.database, async (db) => {
      const { run: count, failures } = await runDataTests(db, STAGING_TABLES.filter((t) => t.name !== 'raw_sales_lines'));
      expect(count).toBeGreaterThan(30);
      expect(failures).toEqual([]);
    });
  });

  it('every staged line satisfies the staged-line schema', async () => {
    const rows = await query(run.database, 'select * from stg_sales_lines order by line_id');
    expect(rows).toHaveLength(SAMPLE_LINES.length);
    for (const row of rows) expect(StagedSalesLineSchema.safeParse(row).error?.issues ?? []).toEqual([]);
  });

  it('the staged-line schema rejects a line whose flags contradict its values', () => {
    const good = { line_id: '1', source_file: 'f.csv', line_number: '2', invoice_no: 'C1', stock_code: 'X', description: null, quantity: -2, invoiced_at: '2011-01-01 10:00:00', unit_price: '1.250', line_amount: '-2.500', customer_id: '1', country: 'France', is_cancellation: true, is_adjustment: false, is_service: false, is_duplicate: false, is_guest: false, is_nonpositive_price: false };
    expect(StagedSalesLineSchema.safeParse(good).success).toBe(true);
    expect(StagedSalesLineSchema.safeParse({ ...good, is_cancellation: false }).success).toBe(false);
    expect(StagedSalesLineSchema.safeParse({ ...good, line_amount: '-2.499' }).success).toBe(false);
    expect(StagedSalesLineSchema.safeParse({ ...good, stock_code: 'x' }).success).toBe(false);
  });

  it('quarantines each broken line with file, line number, column, reason and raw values', async () => {
    const rows = await query(run.database, 'select source_file, line_number, column_name, reason, raw_values from quarantine order by line_number');
    expect(rows.map(({ raw_values: _, ...r }) => r)).toEqual(
      BROKEN.map((b, i) => ({ source_file: path, line_number: String(SAMPLE_LINES.length + 2 + i), column_name: b.column, reason: b.reason })),
    );
    expect(JSON.parse(String(rows[3]?.raw_values))).toEqual({
      invoice_no: '536365', stock_code: '85123A', description: 'WHITE HANGING HEART T-LIGHT HOLDER', quantity: 'six',
      invoice_date: '12/1/2010 8:26', unit_price: '2.55', customer_id: '17850', country: 'United Kingdom',
    });
    expect(await query(run.database, 'select rows_read, rows_staged, rows_quarantined from load_audit')).toEqual([
      { rows_read: String(SAMPLE_LINES.length + BROKEN.length), rows_staged: String(SAMPLE_LINES.length), rows_quarantined: String(BROKEN.length) },
    ]);
  });

  it('counts every cleaning rule, in the table and in the notes', async () => {
    const rows = await query<{ rule: string; rows: string }>(run.database, 'select rule, rows from cleaning_rule_counts order by rule_order');
    const counts = Object.fromEntries(rows.map((r) => [r.rule, Number(r.rows)]));
    const { lines: _, ...expected } = SAMPLE_EXPECTED;
    expect(counts).toMatchObject({ ...expected, quarantine_contract: BROKEN.length, remove_source_overlap: 0, customer_id_as_decimal: 0 });
    expect(run.validate.notes.join('\n')).toContain('flag_duplicate 1, flag_cancellation 1, flag_adjustment 2, flag_service 5');
  });

  it('profiles each input column, with IQR outliers for quantity and price', async () => {
    const rows = await query(run.database, 'select * from tab_info order by column_position');
    expect(rows.map((r) => r.source_column)).toEqual(['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country']);
    const byName = Object.fromEntries(rows.map((r) => [r.column_name, r]));
    // Quantities sorted: -1 1 1 1 1 2 3 3 6 6 6 24 56 -> Q1 1, Q3 6, fences -6.5 and 13.5.
    expect(byName.quantity).toMatchObject({ data_type: 'INTEGER', q1: 1, q3: 6, lower_fence: -6.5, upper_fence: 13.5, outliers_below: '0', outliers_above: '2', min_value: '-1', max_value: '56' });
    // Prices sorted: -11062.06 0 2.55 2.95 ... 16.67 18 27.5 11062.06 -> Q1 2.95, Q3 16.67.
    expect(byName.unit_price).toMatchObject({ q1: 2.95, q3: 16.67, outliers_below: '1', outliers_above: '1' });
    expect(byName.unit_price?.outlier_rule).toContain('Q1 - 1.5 x IQR');
    expect(byName.customer_id).toMatchObject({ data_type: 'BIGINT', non_null_count: '9', null_count: '4', null_percentage: 30.769, distinct_count: '6', outlier_rule: null });
    expect(byName.stock_code).toMatchObject({ distinct_count: '10' });
    expect(byName.description).toMatchObject({ null_count: '1' });
  });
});
