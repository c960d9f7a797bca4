import { rmSync } from 'node:fs';

import { afterAll, describe, expect, it } from 'vitest';

import { validate } from '../../activities/validate.js';
import { runDataTests } from '../../warehouse/data-tests.js';
import { withDatabase } from '../../warehouse/db.js';
import { EXTRACT_TABLES, VALIDATE_TABLES } from '../../warehouse/staging/index.js';
import { SAMPLE_LINES, fixtureDir, writeCsv } from '../fixtures/sales-lines.js';
import { extractAndValidate, outputDirIn, stepInput } from './run-steps.js';

const dir = fixtureDir('step-data-tests');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('each step runs the data tests of the tables it builds', () => {
  const path = writeCsv(dir, 'sales.csv', SAMPLE_LINES);
  const outputDir = outputDirIn(dir, 'run');

  it('extract tests raw_sources and input_file_log, validate the tables it built', async () => {
    const run = await extractAndValidate([path], outputDir);
    const counts = await withDatabase(run.database, async (db) => ({
      extract: (await runDataTests(db, EXTRACT_TABLES.filter((t) => t.name !== 'raw_sales_lines'))).run,
      validate: (await runDataTests(db, VALIDATE_TABLES)).run,
    }));
    expect(counts.extract).toBeGreaterThan(0);
    expect(counts.validate).toBeGreaterThan(0);
    expect(run.extract.notes).toContain(`${counts.extract} data tests passed`);
    expect(run.validate.notes).toContain(`${counts.validate} data tests passed`);
  });

  it('validate fails with DataTestFailed, not a step later, when a table it built breaks its tests', async () => {
    // a CSV source that claims one physical line more than it has: the row accounting validate checks
    // itself still holds, and load_audit's physical-line test, run by validate, must catch it
    const { database } = await extractAndValidate([path], outputDir);
    await withDatabase(database, (db) => db.run('update raw_sources set physical_lines = physical_lines + 1'));
    await expect(validate(stepInput([path], outputDir))).rejects.toMatchObject({
      type: 'DataTestFailed',
      nonRetryable: true,
      message: expect.stringContaining('data test load_audit_physical_lines_reconcile failed'),
    });
  });
});
