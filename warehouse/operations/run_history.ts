import { defineTable } from '../spec/types.js';

/** Every refresh that ended, successful or not: the run summary kept in the warehouse. */
export const runHistory = defineTable({
  name: 'run_history',
  description:
    'One row per run of a refresh that ended: status, timing, the failed step and its reason, and per-step figures as JSON. ' +
    'A reset adds a run to the same refresh, so the failed attempt stays beside the one that followed it. ' +
    'The published copy includes the refresh that published it.',
  grain: 'One workflow run of a refresh of the warehouse (a reset starts another run).',
  layer: 'operations',
  sql: 'operations/run_history.sql',
  publish: true,
  excelSheet: 'Run history',
  primaryKey: ['refresh_id', 'run_id'],
  columns: [
    { name: 'refresh_id', type: 'VARCHAR', description: 'Refresh id (the first workflow run id).' },
    { name: 'workflow_id', type: 'VARCHAR', description: 'Temporal workflow id, to find the run in the Web UI.' },
    { name: 'run_id', type: 'VARCHAR', description: 'Temporal run id of this attempt (the refresh id for the first run; a reset starts a new one).' },
    { name: 'status', type: 'VARCHAR', description: 'completed or failed.', accepted: ['completed', 'failed'] },
    { name: 'started_at', type: 'TIMESTAMP', description: 'When the workflow started (UTC).', format: 'datetime' },
    { name: 'finished_at', type: 'TIMESTAMP', description: 'When it ended (UTC).', format: 'datetime' },
    { name: 'failed_step', type: 'VARCHAR', description: 'The step that failed.', nullable: true, accepted: ['extract', 'validate', 'transform', 'model', 'publish'] },
    { name: 'message', type: 'VARCHAR', description: 'Why it failed.', nullable: true },
    { name: 'rows_read', type: 'BIGINT', description: 'Lines read by extract.', format: 'integer', nullable: true },
    { name: 'steps_json', type: 'VARCHAR', description: 'Per step: duration, rows in and out, tables written, notes (JSON).' },
  ],
});
