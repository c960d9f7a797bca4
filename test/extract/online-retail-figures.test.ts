import { readFileSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

import { afterAll, describe, expect, it } from 'vitest';

import { StagedSalesLineSchema } from '../../schemas/sales-line.js';
import { fixtureDir } from '../fixtures/sales-lines.js';
import { extractAndValidate, outputDirIn, query } from './run-steps.js';
import { FULL_DATA_SET } from '../../runtime/project.js';

/** The full UCI data set; the figures below are the ones its README counts. */
const DATA = FULL_DATA_SET;

describe('the real Online Retail file gives the documented figures', async () => {
  const dir = fixtureDir('online-retail');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = await extractAndValidate([DATA], outputDirIn(dir, 'run'));
  const one = async (sql: string) => (await query(run.database, sql))[0] ?? {};

  it('accounts for every line: 541,909 read and staged, none quarantined', async () => {
    expect(run.extract.rowsOut).toBe(541_909);
    expect(run.validate.rowsOut).toBe(541_909);
    expect(await one('select rows_read, rows_staged, rows_quarantined, rows_overlapping, encoding, delimiter, compression from load_audit')).toEqual({
      rows_read: '541909', rows_staged: '541909', rows_quarantined: '0', rows_overlapping: '0', encoding: 'utf-8', delimiter: ',', compression: 'gzip',
    });
  });

  it('matches the README figures', async () => {
    expect(
      await one(`
        select
          count(*) filter (where customer_id is null) as no_customer,
          count(distinct customer_id) as customers,
          count(distinct customer_id) filter (where not is_cancellation) as customers_buying,
          count(*) filter (where description is null) as no_description,
          count(*) filter (where is_duplicate) as duplicate_copies,
          count(distinct invoice_no) as invoices,
          count(distinct invoice_no) filter (where is_cancellation) as cancellation_invoices,
          count(*) filter (where is_cancellation) as cancellation_lines,
          count(distinct invoice_no) filter (where is_adjustment) as adjustment_invoices,
          count(*) filter (where quantity <= 0) as nonpositive_quantity,
          count(*) filter (where quantity <= 0 and not is_cancellation) as nonpositive_quantity_not_cancelled,
          count(*) filter (where unit_price = 0) as zero_price,
          count(*) filter (where unit_price < 0) as negative_price,
          count(distinct country) as countries,
          count(distinct stock_code) as stock_codes_case_insensitive,
          count(*) filter (where customer_id is not null and not is_cancellation) as customer_lines,
          sum(line_amount) filter (where customer_id is not null and not is_cancellation) as revenue
        from stg_sales_lines`),
    ).toEqual({
      no_customer: '135080',
      customers: '4372',
      customers_buying: '4339',
      no_description: '1454',
      duplicate_copies: '5268',
      invoices: '25900',
      cancellation_invoices: '3836',
      cancellation_lines: '9288',
      adjustment_invoices: '3',
      nonpositive_quantity: '10624',
      nonpositive_quantity_not_cancelled: '1336',
      zero_price: '2515',
      negative_price: '2',
      countries: '38',
      stock_codes_case_insensitive: '3958',
      customer_lines: '397924',
      revenue: '8911407.904',
    });
    expect(await one('select count(distinct stock_code) as n from raw_sales_lines')).toEqual({ n: '4070' });
  });

  it('flags the documented service codes', async () => {
    const rows = await query(run.database, `
      select stock_code, count(*) as n from stg_sales_lines
      where is_service and stock_code not like 'GIFT%' and stock_code not like 'DCGS%' group by all order by stock_code`);
    expect(Object.fromEntries(rows.map((r) => [r.stock_code, Number(r.n)]))).toEqual({
      AMAZONFEE: 34, B: 3, 'BANK CHARGES': 37, C2: 144, CRUK: 16, D: 77, DOT: 710, M: 572, PADS: 4, POST: 1256, S: 63,
    });
  });

  it('stores the cleaning rule counts and states them in the notes', async () => {
    const rows = await query(run.database, `select rule, rows from cleaning_rule_counts where rule in ('flag_duplicate', 'flag_cancellation', 'flag_guest', 'flag_zero_price', 'flag_negative_price', 'missing_description', 'upper_case_stock_code') order by rule_order`);
    expect(Object.fromEntries(rows.map((r) => [r.rule, r.rows]))).toEqual({
      missing_description: '1454', upper_case_stock_code: '1977', flag_duplicate: '5268', flag_cancellation: '9288',
      flag_zero_price: '2515', flag_negative_price: '2', flag_guest: '135080',
    });
    expect(run.validate.notes[0]).toBe('541909 read = 541909 staged + 0 quarantined + 0 repeated in an earlier source');
  });

  it('keeps each line\'s line number: sampled raw lines equal the file\'s text lines', async () => {
    const lines = gunzipSync(readFileSync(DATA)).toString('utf8').split('\n');
    const sampled = [2, 3, 1000, 99_999, 250_000, 300_001, 400_123, 541_910];
    const rows = await query<{ line_number: string; invoice_no: string; stock_code: string; quantity: string }>(
      run.database,
      `select line_number, invoice_no, stock_code, quantity from raw_sales_lines where line_number in (${sampled.join(',')}) order by line_number`,
    );
    expect(rows.map((r) => r.line_number)).toEqual(sampled.map(String));
    for (const row of rows) {
      expect(lines[Number(row.line_number) - 1]?.startsWith(`${row.invoice_no},${row.stock_code},`)).toBe(true);
    }
  });

  it('a sample of staged lines satisfies the staged-line schema', async () => {
    const rows = await query(run.database, 'select * from stg_sales_lines using sample reservoir(2000 rows) repeatable (42)');
    expect(rows).toHaveLength(2000);
    const problems = rows.flatMap((r) => StagedSalesLineSchema.safeParse(r).error?.issues ?? []);
    expect(problems).toEqual([]);
  });
});
