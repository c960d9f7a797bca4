import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { tempDir } from '../../runtime/temp-dir.js';
import { SMALL_LINES } from '../helpers/small-input.js';
import { extractAndValidate, query } from './run-steps.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('an invoice belongs to one customer in one country', () => {
  it('quarantines a line whose customer or country differs from an earlier line of its invoice', async () => {
    const lines = [
      ...SMALL_LINES,
      '536365,22752,SET 7 BABUSHKA NESTING BOXES,2,12/1/2010 8:26,7.65,13047,United Kingdom', // invoice of 17850
      '536365,21730,GLASS STAR FROSTED T-LIGHT HOLDER,6,12/1/2010 8:26,4.25,17850,France', // invoice in the UK
      '536365,22086,PAPER CHAIN KIT 50S CHRISTMAS,6,12/1/2010 8:26,2.55,,United Kingdom', // no customer
    ];
    const file = join(dir.path, 'mixed.csv');
    writeFileSync(file, `InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n${lines.join('\n')}\n`);
    const run = await extractAndValidate([file], join(dir.path, 'out'), 0.5);
    const rejected = await query(run.database, 'select line_number, column_name, reason from quarantine order by line_number');
    expect(rejected).toEqual([
      { line_number: '16', column_name: 'CustomerID', reason: 'customer differs from an earlier line of the same invoice' },
      { line_number: '17', column_name: 'Country', reason: 'country differs from an earlier line of the same invoice' },
      { line_number: '18', column_name: 'CustomerID', reason: 'customer differs from an earlier line of the same invoice' },
    ]);
    const [audit] = await query(run.database, 'select rows_read, rows_staged, rows_quarantined from load_audit');
    expect(audit).toEqual({ rows_read: '17', rows_staged: '14', rows_quarantined: '3' });
  });
});
