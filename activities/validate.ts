import type { StepResult } from '../schemas/workflow.js';
import { withDatabase } from '../warehouse/db.js';
import { sql } from '../warehouse/sql.js';
import { BadInputError } from './errors.js';
import { runStep } from './step.js';

/**
 * Validate: applies the contract to every raw line. Valid lines become `stg_sales_lines`, the rest go
 * to `quarantine` with a reason; `load_audit` proves that nothing was lost. Too many rejected lines
 * fail the run so that a hollow warehouse is never published.
 */
export async function validate(rawInput: unknown): Promise<StepResult> {
  return runStep('validate', rawInput, async ({ input, layout }) =>
    withDatabase(layout.workDatabase, async (db) => {
      await db.run(sql('staging/stg_sales_lines.sql'));
      await db.run(sql('staging/load_audit.sql'), { refresh_id: input.refreshId });
      const [totals] = await db.all<{ read: string; staged: string; quarantined: string }>(
        'select sum(rows_read) as read, sum(rows_staged) as staged, sum(rows_quarantined) as quarantined from load_audit',
      );
      const read = Number(totals?.read ?? 0);
      const staged = Number(totals?.staged ?? 0);
      const quarantined = Number(totals?.quarantined ?? 0);
      if (read === 0) throw new BadInputError(`${input.inputPaths.join(', ')}: no data lines`);
      if (read !== staged + quarantined) throw new Error(`row accounting broken: ${read} read, ${staged} staged, ${quarantined} quarantined`);
      const share = quarantined / read;
      if (share > input.options.maxQuarantineShare) {
        const [first] = await db.all<{ source_file: string; line_number: string; column_name: string; reason: string }>(
          'select source_file, line_number, column_name, reason from quarantine order by source_file, line_number limit 1',
        );
        throw new BadInputError(
          `${(share * 100).toFixed(1)}% of lines quarantined (limit ${(input.options.maxQuarantineShare * 100).toFixed(1)}%); ` +
            `first: ${first?.source_file} line ${first?.line_number}, column ${first?.column_name}: ${first?.reason}`,
        );
      }
      return {
        rowsIn: read,
        rowsOut: staged,
        tables: [
          { name: 'stg_sales_lines', rows: staged },
          { name: 'quarantine', rows: quarantined },
          { name: 'load_audit', rows: await db.number('select count(*) from load_audit') },
        ],
        notes: [`${read} read = ${staged} staged + ${quarantined} quarantined`],
        outputs: {},
      };
    }),
  );
}
