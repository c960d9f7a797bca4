import { join } from 'node:path';
import { existsSync, mkdirSync } from 'node:fs';

import type { RunRecord } from '../schemas/workflow.js';
import { quoteLiteral, withDatabase, type Database } from './db.js';
import { sql } from './sql.js';

const RUN_HISTORY_COLUMNS = 'refresh_id, workflow_id, run_id, status, started_at, finished_at, failed_step, message, rows_read, steps_json';

/** The small database that keeps every refresh's record, beside the warehouse's published files. */
export function historyDatabase(warehouseRoot: string): string {
  return join(warehouseRoot, 'history.duckdb');
}

/** Writes (or replaces) one run's record. Only the refresh itself writes it, so there is one writer. */
export async function recordRunHistory(warehouseRoot: string, record: RunRecord): Promise<void> {
  mkdirSync(warehouseRoot, { recursive: true });
  await withDatabase(historyDatabase(warehouseRoot), (db) => writeRunRecord(db, record));
}

/**
 * Writes (or replaces) one run's record in `db`'s run_history table. A reset run keeps the refresh id
 * but has its own run id, so it adds a row and the failed attempt before it stays in the history.
 */
export async function writeRunRecord(db: Database, record: Omit<RunRecord, 'outputDir' | 'warehouse'>): Promise<void> {
  await db.run(sql('operations/run_history.sql'));
  const runId = record.runId ?? record.refreshId;
  await db.run('delete from run_history where refresh_id = $refresh_id and run_id = $run_id', { refresh_id: record.refreshId, run_id: runId });
  await db.run(
    `insert into run_history (${RUN_HISTORY_COLUMNS})
     values ($refresh_id, $workflow_id, $run_id, $status, $started_at::timestamp, $finished_at::timestamp,
      $failed_step, $message, $rows_read, $steps_json)`,
    {
      refresh_id: record.refreshId,
      workflow_id: record.workflowId,
      run_id: runId,
      status: record.status,
      started_at: record.startedAt.replace('Z', ''),
      finished_at: record.finishedAt.replace('Z', ''),
      failed_step: record.failedStep ?? null,
      message: record.message ?? null,
      rows_read: record.steps.find((s) => s.step === 'extract')?.rowsIn ?? null,
      steps_json: JSON.stringify(record.steps),
    },
  );
}

/** Copies the run history into a refresh's working database so it is published with the rest. */
export async function copyRunHistory(db: Database, warehouseRoot: string): Promise<number> {
  await db.run(sql('operations/run_history.sql'));
  if (!existsSync(historyDatabase(warehouseRoot))) return 0; // no refresh of this warehouse has ended yet
  // ATTACH takes no parameter; the path is ours and quoted.
  await db.run(`attach if not exists ${quoteLiteral(historyDatabase(warehouseRoot))} as run_history_source (read_only)`);
  try {
    // Named columns: a history written before runs had their own id has no run_id ('' for its rows).
    const hasRunId = await db.number(
      `select count(*) from duckdb_columns() where database_name = 'run_history_source' and table_name = 'run_history' and column_name = 'run_id'`,
    );
    const columns = hasRunId ? RUN_HISTORY_COLUMNS : RUN_HISTORY_COLUMNS.replace('run_id', `'' as run_id`);
    await db.run('delete from run_history');
    await db.run(`insert into run_history select ${columns} from run_history_source.run_history order by started_at, refresh_id, finished_at`);
  } finally {
    await db.run('detach run_history_source');
  }
  return db.number('select count(*) from run_history');
}
