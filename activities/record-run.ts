import { RunRecordSchema, type RunRecord } from '../schemas/workflow.js';
import { recordRunHistory } from '../warehouse/run-history.js';
import { warehouseLayout } from '../warehouse/layout.js';
import { releaseLock } from '../warehouse/refresh-lock.js';
import { logEvent } from './event-log.js';

/** Records how a refresh ended in the warehouse's run history (and the event log). */
export async function recordRun(rawInput: unknown): Promise<void> {
  const record: RunRecord = RunRecordSchema.parse(rawInput);
  const { root } = warehouseLayout(record.outputDir, record.warehouse);
  await recordRunHistory(root, record);
  releaseLock(root, record.refreshId); // however the refresh ended, it no longer writes

  logEvent(root, {
    event: record.status === 'completed' ? 'refresh_completed' : 'refresh_failed',
    refreshId: record.refreshId,
    warehouse: record.warehouse,
    workflowId: record.workflowId,
    failedStep: record.failedStep,
    message: record.message,
    durationMs: Date.parse(record.finishedAt) - Date.parse(record.startedAt),
  });
}
