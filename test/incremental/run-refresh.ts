import { publishWith } from '../../activities/publish.js';
import { runStepsDirectly, stepInput } from '../../activities/run-directly.js';
import type { RefreshOptions, StepResult } from '../../schemas/workflow.js';
import { quoteIdent, withDatabase, type Database } from '../../warehouse/db.js';
import { TABLES } from '../../warehouse/tables.js';

export const WAREHOUSE = 'retail';

/** The activity input the workflow passes, for a refresh in the given mode. */
export function refreshInput(refreshId: string, inputPaths: string[], outputDir: string, mode: RefreshOptions['mode']) {
  return stepInput({ refreshId, warehouse: WAREHOUSE, inputPaths, outputDir, options: { mode } });
}

/**
 * Runs every step of a refresh directly (no worker), in the workflow's order, recording the run in
 * the history before publish as the workflow does (publish copies that history). Publish writes the
 * Parquet files and the warehouse database, the state the next incremental refresh starts from; the
 * workbook and dashboard writers are left out, as nothing here reads them.
 */
export async function runRefresh(input: ReturnType<typeof refreshInput>): Promise<Record<string, StepResult>> {
  return (await runStepsDirectly(input, { activities: { publish: (stepInput: unknown) => publishWith(stepInput, []) } })) as Record<string, StepResult>;
}

/** Columns that differ between two refreshes by design: who ran them, not what they hold. */
const RUN_SPECIFIC_COLUMNS = new Set(['refresh_id', 'loaded_by_refresh']);
/** Tables about a refresh rather than the data: the run history and the per-run file decisions. */
const RUN_SPECIFIC_TABLES = new Set(['run_history', 'input_file_log']);

/**
 * Row count and an order-independent hash of every table of the specification present in the
 * database, run-specific columns left out: equal checksums mean equal tables.
 */
export async function tableChecksums(db: Database): Promise<Record<string, string>> {
  const present = new Set((await db.all<{ name: string }>('select table_name as name from duckdb_tables()')).map((r) => r.name));
  const sums: Record<string, string> = {};
  for (const spec of TABLES) {
    if (RUN_SPECIFIC_TABLES.has(spec.name) || !present.has(spec.name)) continue;
    const columns = spec.columns.filter((c) => !RUN_SPECIFIC_COLUMNS.has(c.name)).map((c) => quoteIdent(c.name));
    const [row] = await db.all<{ rows: string; hash: string }>(
      `select count(*) as rows, bit_xor(hash(t))::varchar as hash from (select ${columns.join(', ')} from ${quoteIdent(spec.name)}) as t`,
    );
    sums[spec.name] = `${row?.rows}:${row?.hash}`;
  }
  return sums;
}

/** The checksums of a database file's tables. */
export function checksumsOf(file: string): Promise<Record<string, string>> {
  return withDatabase(file, tableChecksums);
}
