import type { StepResult } from '../schemas/workflow.js';
import { describeFailures, runDataTests } from '../warehouse/data-tests.js';
import { withDatabase, type Database } from '../warehouse/db.js';
import { REFERENCE_FILES } from '../warehouse/reference/index.js';
import { watchQueries } from '../warehouse/query-progress.js';
import { buildOrder } from '../warehouse/build-order.js';
import { MART_TABLES } from '../warehouse/marts/index.js';
import { sql } from '../warehouse/sql.js';
import { DataTestError } from '../schemas/errors.js';
import { runStep } from './step.js';

/** SQL files of the marts after the cancellation match, ordered by their contracts' dependsOn. */
export const MART_SQL = buildOrder(MART_TABLES);

export interface MatchSummary {
  /** Rounds run: the largest number of cancellations of one (customer, stock code) group. */
  rounds: number;
  /** Cancellation lines and cancelled units per match label. */
  labels: { label: string; lines: number; units: number }[];
}

/**
 * Matches every cancellation line to the earlier order lines it cancels (rule: warehouse/CANCELLATIONS.md)
 * into the temp table `match_pairs`. Set-based: each round matches the next cancellation of every
 * (customer, stock code) group at once, so the rounds are as many as the busiest group has cancellations.
 */
export async function matchCancellations(db: Database): Promise<number> {
  await db.run(sql('marts/helpers/cancellation_match_setup.sql'));
  const rounds = await db.number('select coalesce(max(seq), 0) from match_cancellations');
  // prepared once: the later rounds are tiny, so planning the statement would dominate them
  const round = await db.connection.prepare(sql('marts/helpers/cancellation_match_round.sql'));
  try {
    for (let n = 1; n <= rounds; n += 1) {
      round.bind({ round: n });
      await round.run();
    }
  } finally {
    round.destroySync();
  }
  return rounds;
}

/** Loads the reference data shipped with the code into temp tables the dimensions join to. */
async function loadReference(db: Database): Promise<void> {
  await db.run(sql('marts/helpers/ref_country.sql'), { path: REFERENCE_FILES.countries });
  await db.run(sql('marts/helpers/ref_product_keyword.sql'), { path: REFERENCE_FILES.productCategories });
}

/**
 * Builds the star schema and the analytics marts from `stg_sales_lines` (create-or-replace, so a
 * rerun on the same staging gives identical tables). Returns what the cancellation match found.
 */
export async function buildMarts(db: Database, progress: (message: string) => void = () => {}): Promise<MatchSummary> {
  // Storage only, not content: trying FSST on every text column costs about a tenth of the step's CPU
  // (invoice numbers of the 541,909 lines above all), and dictionary compression stores the marts'
  // text columns within 2% of the size (measured on the full data: 48.2 MB against 47.5-48.0 MB).
  await db.run(`set disabled_compression_methods = 'fsst'`);
  const watch = await watchQueries(db, progress);
  let rounds: number;
  try {
    watch.label('loading reference data');
    await loadReference(db);
    watch.label('matching cancellations to orders');
    rounds = await matchCancellations(db);
    for (const [i, file] of MART_SQL.entries()) {
      watch.label(`building ${file} (${i + 1} of ${MART_SQL.length})`);
      await db.run(sql(file));
    }
  } finally {
    watch.stop();
  }
  await db.run('drop table if exists match_pairs; drop table if exists match_orders; drop table if exists match_cancellations');
  const labels = await db.all<{ label: string; lines: string; units: string }>(
    `select match_label as label, count(distinct cancellation_line_id) as lines, sum(quantity) as units
     from fact_cancellation group by match_label order by match_label`,
  );
  return { rounds, labels: labels.map((l) => ({ label: l.label, lines: Number(l.lines), units: Number(l.units) })) };
}

/** Summary lines for the run: how cancellations matched, and reference gaps worth a look. */
async function describeBuild(db: Database, match: MatchSummary): Promise<string[]> {
  const notes = [
    `cancellations matched in ${match.rounds} round(s): ` +
      (match.labels.map((l) => `${l.label} ${l.lines} lines / ${l.units} units`).join(', ') || 'none'),
  ];
  const unknown = await db.all<{ country: string }>('select country from dim_country where not is_in_reference order by country');
  if (unknown.length) notes.push(`countries missing from the reference list (no ISO code): ${unknown.map((c) => c.country).join(', ')}`);
  const [coverage] = await db.all<{ products: string; share: number }>(
    `select count(*) filter (where category <> 'Other' and not is_service) || ' of ' || count(*) filter (where not is_service) as products,
            (sum(net_amount) filter (where category <> 'Other' and not is_service) / sum(net_amount) filter (where not is_service))::double as share
     from mart_product_performance`,
  );
  if (coverage) notes.push(`product categories: ${coverage.products} products classified, ${(Number(coverage.share) * 100).toFixed(1)}% of product net revenue`);
  const flagged = await db.all<{ kind: string; flagged: string; threshold: number | null }>(
    `select 'customers' as kind, count(*) filter (where is_high_cancellation) as flagged, any_value(cancellation_rate_threshold) as threshold from mart_customer_behaviour
     union all
     select 'products', count(*) filter (where is_high_cancellation), any_value(cancellation_rate_threshold) from mart_product_performance`,
  );
  notes.push(
    `high cancellation rate (above Q3 + 1.5 IQR): ` +
      flagged.map((f) => `${f.flagged} ${f.kind}${f.threshold === null ? '' : ` (> ${(f.threshold * 100).toFixed(1)}%)`}`).join(', '),
  );
  return notes;
}

/**
 * Transform: builds the star schema from staging, then runs the data tests declared with each table it
 * built (validate tested the staging tables); a failing test stops the refresh (nothing is published).
 */
export async function transform(rawInput: unknown): Promise<StepResult> {
  return runStep('transform', rawInput, async ({ layout, progress }) =>
    withDatabase(layout.workDatabase, async (db) => {
      const rowsIn = await db.number('select count(*) from stg_sales_lines');
      const match = await buildMarts(db, progress);
      progress('running data tests');
      const { run, failures } = await runDataTests(db, MART_TABLES);
      if (failures.length) throw new DataTestError(describeFailures(failures));
      const tables = [];
      for (const spec of MART_TABLES) tables.push({ name: spec.name, rows: await db.number(`select count(*) from ${spec.name}`) });
      return {
        rowsIn,
        rowsOut: tables.find((t) => t.name === 'fact_invoice_line')?.rows ?? 0,
        tables,
        notes: [...(await describeBuild(db, match)), `${run} data tests passed`],
        outputs: {},
      };
    }),
  );
}
