import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { createActivities } from '../../activities/index.js';
import { invoiceDateWindow } from '../../activities/validate.js';
import { stepInput } from '../../activities/run-directly.js';
import { tempDir } from '../../runtime/temp-dir.js';
import { warehouseLayout } from '../../warehouse/layout.js';
import { SMALL_LINES } from '../helpers/small-input.js';
import { query } from './run-steps.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';

// Each line breaks one rule of the contract that a later data test or the money type relies on.
const BROKEN = [
  ['590001,22752,OLD DATE,2,1/1/0001 10:00,7.65,13047,United Kingdom', 'InvoiceDate', 'date out of range'],
  ['590002,22752,1999 DATE,2,12/31/1999 23:59,7.65,13047,United Kingdom', 'InvoiceDate', 'date out of range'],
  ['590003,22752,FUTURE DATE,2,1/1/2999 10:00,7.65,13047,United Kingdom', 'InvoiceDate', 'date out of range'],
  ['590004,22752,HUGE PRICE,1,12/1/2010 8:26,999999999999999.999,13047,United Kingdom', 'UnitPrice', 'unit price out of range (1,000,000,000 or more)'],
  ['590005,22752,TOO BIG PRICE,1,12/1/2010 8:26,1000000000000000,13047,United Kingdom', 'UnitPrice', 'unit price out of range (1,000,000,000 or more)'],
  ['590006,22752,AMOUNT OVERFLOW,2000000,12/1/2010 8:26,999.999,13047,United Kingdom', 'UnitPrice', 'line amount (quantity x unit price) out of range (1,000,000,000 or more)'],
  ['590007,22752,NEARLY WHOLE,6.0004,12/1/2010 8:26,7.65,13047,United Kingdom', 'Quantity', 'quantity is not a whole number'],
  ['590008,22752,EXPONENT QTY,1e3,12/1/2010 8:26,7.65,13047,United Kingdom', 'Quantity', 'quantity in exponent notation'],
  ['590009,22752,EXPONENT PRICE,1,12/1/2010 8:26,2E1,13047,United Kingdom', 'UnitPrice', 'unit price in exponent notation'],
  ['590010,22752,TINY PRICE,1,12/1/2010 8:26,0.0004,13047,United Kingdom', 'UnitPrice', 'unit price has more than 3 decimals'],
  ['C590011,M,Manual,1,12/1/2010 8:26,373.57,13047,United Kingdom', 'Quantity', 'cancellation (C invoice) with a quantity that is not negative'],
  ['C590012,22752,ZERO CANCEL,0,12/1/2010 8:26,7.65,13047,United Kingdom', 'Quantity', 'cancellation (C invoice) with a quantity that is not negative'],
] as const;

// Lines that look odd but keep their exact value: trailing zeros are no extra precision.
const KEPT = [
  '590101,22752,WHOLE WITH ZEROS,6.000,12/1/2010 8:26,7.6500,13047,United Kingdom',
  '590102,22752,THREE DECIMALS,1,12/1/2010 8:26,0.001,13047,United Kingdom',
];

describe('the contract validate enforces', () => {
  it('quarantines each line that breaks a rule, with its column and reason, and transform passes every data test', async () => {
    const file = join(dir.path, 'broken.csv');
    writeFileSync(file, `${HEADER}\n${[...SMALL_LINES, ...KEPT, ...BROKEN.map(([line]) => line)].join('\n')}\n`);
    const outputDir = join(dir.path, 'out');
    const input = stepInput({ refreshId: 'contract', warehouse: 'contract', inputPaths: [file], outputDir, options: { maxQuarantineShare: 0.9 } });
    const activities = createActivities();
    await activities.extract(input);
    await activities.validate(input);
    // Transform runs the data tests of the facts; a cancellation with a positive quantity made two fail.
    await activities.transform(input);
    const database = warehouseLayout(outputDir, 'contract', 'contract').workDatabase as string;
    const rejected = await query<{ line_number: string; column_name: string; reason: string }>(
      database,
      'select line_number, column_name, reason from quarantine order by line_number::integer',
    );
    const first = SMALL_LINES.length + KEPT.length + 2;
    expect(rejected).toEqual(BROKEN.map(([, column_name, reason], i) => ({ line_number: String(first + i), column_name, reason })));
    const kept = await query(database, `select quantity, unit_price::varchar as unit_price from stg_sales_lines where invoice_no in ('590101', '590102') order by invoice_no`);
    expect(kept).toEqual([
      { quantity: 6, unit_price: '7.650' },
      { quantity: 1, unit_price: '0.001' },
    ]);
  });

  it('reads the date window from the day of the refresh', () => {
    expect(invoiceDateWindow(new Date('2026-03-04T23:30:00Z'))).toEqual({ earliest_invoice_date: '2000-01-01', latest_invoice_date: '2026-03-04' });
  });
});
