import type { StepResult } from '../schemas/workflow.js';
import { describeFailures, runDataTests } from '../warehouse/data-tests.js';
import { withDatabase } from '../warehouse/db.js';
import { sql } from '../warehouse/sql.js';
import { tablesOfLayer } from '../warehouse/tables.js';
import { DataTestError } from './errors.js';
import { runStep } from './step.js';

/** SQL files of the marts, in dependency order. */
export const MART_SQL = ['marts/fact_invoice_line.sql'];

/**
 * Transform: builds the star schema from staging (create-or-replace, so a rerun gives identical
 * tables), then runs the data tests declared with each table; a failing test stops the refresh.
 */
export async function transform(rawInput: unknown): Promise<StepResult> {
  return runStep('transform', rawInput, async ({ layout, progress }) =>
    withDatabase(layout.workDatabase, async (db) => {
      const rowsIn = await db.number('select count(*) from stg_sales_lines');
      for (const file of MART_SQL) {
        progress(`building ${file}`);
        await db.run(sql(file));
      }
      progress('running data tests');
      const specs = [...tablesOfLayer('staging').filter((t) => t.name !== 'raw_sales_lines'), ...tablesOfLayer('quality'), ...tablesOfLayer('mart')];
      const { run, failures } = await runDataTests(db, specs);
      if (failures.length) throw new DataTestError(describeFailures(failures));
      const tables = [];
      for (const spec of tablesOfLayer('mart')) tables.push({ name: spec.name, rows: await db.number(`select count(*) from ${spec.name}`) });
      return {
        rowsIn,
        rowsOut: tables.find((t) => t.name === 'fact_invoice_line')?.rows ?? 0,
        tables,
        notes: [`${run} data tests passed`],
        outputs: {},
      };
    }),
  );
}
