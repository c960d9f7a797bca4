import { join } from 'node:path';
import { existsSync, mkdirSync } from 'node:fs';

import type { RunRecord } from '../schemas/workflow.js';
import { quoteLiteral, withDatabase, type Database } from './db.js';
import { sql } from './sql.js';

/** The small database that keeps every refresh's record, beside the warehouse's published files. */
export function historyDatabase(warehouseRoot: string): string {
  return join(warehouseRoot, 'history.duckdb');
}

/** Writes (or replaces) one refresh's record. Only the refresh itself writes it, so there is one writer. */
export async function recordRunHistory(warehouseRoot: string, record: RunRecord): Promise<void> {
  mkdirSync(warehouseRoot, { recursive: true });
  await withDatabase(historyDatabase(warehouseRoot), (db) => writeRunRecord(db, record));
}

/** Writes (or replaces) one refresh's record in `db`'s run_history table. */
export async function writeRunRecord(db: Database, record: Omit<RunRecord, 'outputDir' | 'warehouse'>): Promise<void> {
  await db.run(sql('operations/create_run_history.sql'));
  await db.run('delete from run_history where refresh_id = $refresh_id', { refresh_id: record.refreshId });
  await db.run(
    `insert into run_history values ($refresh_id, $workflow_id, $status, $started_at::timestamp, $finished_at::timestamp,
      $failed_step, $message, $rows_read, $steps_json)`,
    {
      refresh_id: record.refreshId,
      workflow_id: record.workflowId,
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
  await db.run(sql('operations/create_run_history.sql'));
  if (!existsSync(historyDatabase(warehouseRoot))) return 0; // no refresh of this warehouse has ended yet
  // ATTACH takes no parameter; the path is ours and quoted.
  await db.run(`attach if not exists ${quoteLiteral(historyDatabase(warehouseRoot))} as run_history_source`);
  try {
    await db.run('create or replace table run_history as select * from run_history_source.run_history order by started_at, refresh_id');
  } finally {
    await db.run('detach run_history_source');
  }
  return db.number('select count(*) from run_history');
}
