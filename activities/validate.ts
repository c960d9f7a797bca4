import type { StepResult } from '../schemas/workflow.js';
import type { Database } from '../warehouse/db.js';
import { withDatabase } from '../warehouse/db.js';
import { describeFailures, runDataTests } from '../warehouse/data-tests.js';
import { watchQueries } from '../warehouse/query-progress.js';
import { buildOrder } from '../warehouse/build-order.js';
import { sql } from '../warehouse/sql.js';
import { VALIDATE_TABLES } from '../warehouse/staging/index.js';
import { BadInputError, DataTestError } from '../schemas/errors.js';
import { runStep } from './step.js';

/**
 * The SQL validate runs, ordered by its tables' dependsOn; each file replaces its tables, so a rerun
 * gives the same tables.
 */
export const VALIDATE_SQL = buildOrder(VALIDATE_TABLES);

/** Invoices before this day are typing errors (the shop's data starts in 2009); see README "Data rules". */
export const EARLIEST_INVOICE_DATE = '2000-01-01';

/** The plausible window of invoice dates: from EARLIEST_INVOICE_DATE to the day of the refresh (UTC). */
export function invoiceDateWindow(today: Date = new Date()): { earliest_invoice_date: string; latest_invoice_date: string } {
  return { earliest_invoice_date: EARLIEST_INVOICE_DATE, latest_invoice_date: today.toISOString().slice(0, 10) };
}

type FileAudit = {
  input_file: string;
  read: string;
  staged: string;
  quarantined: string;
  overlapping: string;
};

/**
 * Runs validate's SQL on a database holding raw_sales_lines and raw_sources: the contract, the
 * overlap, load_audit and the quality tables (also used directly by the generated-input test).
 */
export async function runValidateSql(db: Database, refreshId: string, progress: (message: string) => void = () => {}): Promise<void> {
  // Storage only, not content: trying FSST on the staged text columns costs more than a tenth
  // of writing stg_sales_lines, and dictionary compression stores them nearly as small.
  await db.run(`set disabled_compression_methods = 'fsst'`);
  // Session variables, not parameters: DuckDB binds parameters only in a single statement, and
  // stg_sales_lines.sql has several. Both values are ISO dates this function writes.
  for (const [name, day] of Object.entries(invoiceDateWindow())) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`${name}: not an ISO date: ${day}`);
    await db.run(`set variable ${name} = date '${day}'`);
  }
  const watch = await watchQueries(db, progress);
  try {
    for (const [i, file] of VALIDATE_SQL.entries()) {
      watch.label(`running ${file} (${i + 1} of ${VALIDATE_SQL.length})`);
      const text = sql(file);
      await db.run(text, text.includes('$refresh_id') ? { refresh_id: refreshId } : undefined);
    }
  } finally {
    watch.stop();
  }
  await db.run('drop table if exists typed_lines');
}

/**
 * Validate: applies the contract to every raw line. Valid lines become `stg_sales_lines`, the rest go
 * to `quarantine` with a reason, and lines that repeat a line of an earlier source (a workbook's
 * next year sheet, the next day's export) are counted once (`source_overlap`). `load_audit` proves nothing was lost, `cleaning_rule_counts` counts every
 * cleaning rule and `tab_info` profiles the columns. An input file with more than
 * `options.maxQuarantineShare` of its lines quarantined fails the run, so a hollow warehouse is never
 * published. Then runs the data tests declared with the tables it built; a failing test stops the refresh.
 */
export async function validate(rawInput: unknown): Promise<StepResult> {
  return runStep('validate', rawInput, async ({ input, layout, progress }) =>
    withDatabase(layout.workDatabase, async (db) => {
      await runValidateSql(db, input.refreshId, progress);
      const files = await db.all<FileAudit>(
        `select input_file, sum(rows_read) as read, sum(rows_staged) as staged, sum(rows_quarantined) as quarantined,
                sum(rows_overlapping) as overlapping
         from load_audit group by all order by input_file`,
      );
      let read = 0;
      let staged = 0;
      let quarantined = 0;
      let overlapping = 0;
      for (const file of files) {
        const [r, s, q, o] = [file.read, file.staged, file.quarantined, file.overlapping].map(Number) as [number, number, number, number];
        if (r !== s + q + o) throw new Error(`${file.input_file}: row accounting broken: ${r} read, ${s} staged, ${q} quarantined, ${o} overlapping`);
        if (r === 0) throw new BadInputError(`${file.input_file}: no data lines`);
        if (q / r > input.options.maxQuarantineShare) throw await tooManyQuarantined(db, file.input_file, q, r, input.options.maxQuarantineShare);
        read += r;
        staged += s;
        quarantined += q;
        overlapping += o;
      }
      if (read === 0) throw new BadInputError(`${input.inputPaths.join(', ')}: no data lines`);
      // after the row accounting, whose messages name the file and line to correct
      progress('running data tests');
      const tests = await runDataTests(db, VALIDATE_TABLES);
      if (tests.failures.length) throw new DataTestError(describeFailures(tests.failures));
      const rules = await db.all<{ rule: string; action: string; rows: string }>('select rule, action, rows from cleaning_rule_counts order by rule_order');
      const reasons = await db.all<{ reason: string; rows: string }>('select reason, count(*) as rows from quarantine group by all order by rows desc, reason');
      const count = (table: string) => db.number(`select count(*) from ${table}`);
      return {
        rowsIn: read,
        rowsOut: staged,
        tables: [
          { name: 'stg_sales_lines', rows: staged },
          { name: 'quarantine', rows: quarantined },
          { name: 'source_overlap', rows: overlapping },
          { name: 'load_audit', rows: await count('load_audit') },
          { name: 'cleaning_rule_counts', rows: rules.length },
          { name: 'tab_info', rows: await count('tab_info') },
        ],
        notes: [
          `${read} read = ${staged} staged + ${quarantined} quarantined + ${overlapping} repeated in an earlier source`,
          ...files.map((f) => `${f.input_file}: ${f.read} read, ${f.staged} staged, ${f.quarantined} quarantined, ${f.overlapping} overlapping`),
          ...reasons.map((r) => `quarantined: ${r.reason}: ${r.rows}`),
          `cleaning rules: ${rules.map((r) => `${r.rule} ${r.rows}`).join(', ')}`,
          `${tests.run} data tests passed`,
        ],
        outputs: {},
      };
    }),
  );
}

async function tooManyQuarantined(db: Database, inputFile: string, quarantined: number, read: number, limit: number): Promise<BadInputError> {
  const [first] = await db.all<{ source_file: string; line_number: string; column_name: string | null; reason: string }>(
    `select q.source_file, q.line_number, q.column_name, q.reason
     from quarantine as q join raw_sources as s using (source_file)
     where s.input_file = $input_file order by q.source_file, q.line_number limit 1`,
    { input_file: inputFile },
  );
  return new BadInputError(
    `${inputFile}: ${((quarantined / read) * 100).toFixed(1)}% of lines quarantined (${quarantined} of ${read}; limit ${(limit * 100).toFixed(1)}%); ` +
      `first: ${first?.source_file} line ${first?.line_number}, column ${first?.column_name ?? '-'}: ${first?.reason}`,
    'correct those lines in the file (the quarantine table of the run lists every one with its line number)',
  );
}
