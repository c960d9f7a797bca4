import type { StepResult } from '../schemas/workflow.js';
import { describeFailures, runDataTests } from '../warehouse/data-tests.js';
import { withDatabase } from '../warehouse/db.js';
import { sql } from '../warehouse/sql.js';
import { tablesOfLayer } from '../warehouse/tables.js';
import { DataTestError } from './errors.js';
import { runStep } from './step.js';

/** Model: customer analytics computed from the marts. */
export async function model(rawInput: unknown): Promise<StepResult> {
  return runStep('model', rawInput, async ({ layout, progress }) =>
    withDatabase(layout.workDatabase, async (db) => {
      const rowsIn = await db.number('select count(*) from fact_invoice_line');
      progress('computing recency, frequency and monetary value');
      await db.run(sql('analytics/customer_rfm.sql'));
      const specs = tablesOfLayer('model');
      const { run, failures } = await runDataTests(db, specs);
      if (failures.length) throw new DataTestError(describeFailures(failures));
      const tables = [];
      for (const spec of specs) tables.push({ name: spec.name, rows: await db.number(`select count(*) from ${spec.name}`) });
      return {
        rowsIn,
        rowsOut: tables.find((t) => t.name === 'customer_rfm')?.rows ?? 0,
        tables,
        notes: [`${run} data tests passed`],
        outputs: {},
      };
    }),
  );
}
