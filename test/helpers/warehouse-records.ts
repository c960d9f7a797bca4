import { existsSync, readFileSync } from 'node:fs';

import { eventLogFile } from '../../activities/event-log.js';
import { withDatabase } from '../../warehouse/db.js';
import { historyDatabase } from '../../warehouse/run-history.js';

/** What a warehouse's history.duckdb says of its ended refreshes (none when it has none yet). */
export async function runHistoryRows(warehouseRoot: string): Promise<Record<string, unknown>[]> {
  if (!existsSync(historyDatabase(warehouseRoot))) return [];
  return withDatabase(historyDatabase(warehouseRoot), (db) => db.all('select status, failed_step, message from run_history order by finished_at'));
}

/** The warehouse's event log, one object per line (none when nothing was logged yet). */
export function eventLogLines(warehouseRoot: string): ({ event: string } & Record<string, unknown>)[] {
  if (!existsSync(eventLogFile(warehouseRoot))) return [];
  return readFileSync(eventLogFile(warehouseRoot), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { event: string });
}
