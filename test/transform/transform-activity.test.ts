import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { extract } from '../../activities/extract.js';
import { stepInput } from '../../activities/run-directly.js';
import { transform } from '../../activities/transform.js';
import { validate } from '../../activities/validate.js';
import type { StepResult } from '../../schemas/workflow.js';
import { describeFailures, runDataTests } from '../../warehouse/data-tests.js';
import { withDatabase } from '../../warehouse/db.js';
import { refreshLayout } from '../../warehouse/layout.js';
import { MART_TABLES, factInvoiceLine } from '../../warehouse/marts/index.js';
import { writeSmallInput } from '../helpers/small-input.js';
import { tempDir } from '../../runtime/temp-dir.js';
import { martChecksums } from './checksums.js';

describe('transform activity on a small input', () => {
  const dir = tempDir('transform-activity-');
  const input = stepInput({ refreshId: 'small', warehouse: 'retail', inputPaths: [writeSmallInput(dir.path)], outputDir: dir.path });
  const database = refreshLayout(input.outputDir, input.warehouse, input.refreshId).workDatabase;
  let first: StepResult;
  let firstSums: Record<string, string>;

  beforeAll(async () => {
    await extract(input);
    await validate(input);
    first = await transform(input);
    firstSums = await withDatabase(database, martChecksums);
  });
  afterAll(() => dir.cleanup());

  it('reports every mart table with its row count, the match counts and the tests run', () => {
    expect(first.tables.map((t) => t.name)).toEqual(MART_TABLES.map((t) => t.name));
    expect(first.tables.find((t) => t.name === 'fact_invoice_line')?.rows).toBe(14);
    expect(first.tables.find((t) => t.name === 'fact_invoice')?.rows).toBe(11);
    expect(first.rowsOut).toBe(14);
    expect(first.notes.join('\n')).toContain('matched 1 lines / 2 units');
    expect(first.notes.join('\n')).toMatch(/\d+ data tests passed/);
  });

  it('gives identical tables when run twice on the same staging', async () => {
    await transform(input);
    const again = await withDatabase(database, martChecksums);
    expect(again).toEqual(firstSums);
  });

  it('names the failing test and shows offending rows when a table is broken', async () => {
    await withDatabase(database, async (db) => {
      await db.run('update fact_invoice_line set net_quantity = -1 where line_id = 1');
      const { failures } = await runDataTests(db, [factInvoiceLine]);
      expect(failures.map((f) => f.name)).toEqual(['fact_invoice_line_net_quantity_in_range', 'fact_invoice_line_net_quantity_reconciles']);
      expect(failures[0]?.sample).toEqual([{ line_id: '1', line_type: 'sale', quantity: 6, cancelled_quantity: 0, net_quantity: -1 }]);
      expect(describeFailures(failures)).toContain('data test fact_invoice_line_net_quantity_in_range failed');
    });
  });

  it('fails the step with a non-retryable DataTestFailed naming the test when staging breaks a rule', async () => {
    // a cancellation with a positive quantity cannot be matched: the match tests must stop the refresh
    await withDatabase(database, (db) =>
      db.run(`update stg_sales_lines set quantity = 2, line_amount = 2 * unit_price where line_id = (select min(line_id) from stg_sales_lines where is_cancellation)`),
    );
    const failure = await transform(input).then(
      () => undefined,
      (err: unknown) => err as { type?: string; message?: string; nonRetryable?: boolean },
    );
    expect(failure?.type).toBe('DataTestFailed');
    expect(failure?.nonRetryable).toBe(true);
    expect(failure?.message).toContain('data test fact_invoice_line_net_quantity_in_range failed');
    expect(failure?.message).toMatch(/offending row\(s\).*, e\.g\. /);
    // It names the input line behind the offending row, not only the internal line_id.
    const [cancelled] = await withDatabase(database, (db) =>
      db.all<{ source_file: string; line_number: string }>('select source_file, line_number from stg_sales_lines where is_cancellation and quantity = 2'),
    );
    expect(failure?.message).toContain(`input line(s): ${cancelled?.source_file} line ${cancelled?.line_number}`);
  });
});
