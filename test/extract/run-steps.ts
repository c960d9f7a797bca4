import { join } from 'node:path';

import { runStepsDirectly, stepInput as completeStepInput } from '../../activities/run-directly.js';
import type { StepResult } from '../../schemas/workflow.js';
import { withDatabase, type Row } from '../../warehouse/db.js';
import { refreshLayout } from '../../warehouse/layout.js';

export interface StepsRun {
  extract: StepResult;
  validate: StepResult;
  database: string;
}

/** The activity input for a test refresh writing under `outputDir`. */
export function stepInput(inputPaths: string[], outputDir: string, maxQuarantineShare?: number) {
  return completeStepInput({ refreshId: 'test-run', warehouse: 'test', inputPaths, outputDir, options: { maxQuarantineShare } });
}

/** Runs extract then validate directly (no worker), as the workflow would. */
export async function extractAndValidate(inputPaths: string[], outputDir: string, maxQuarantineShare?: number): Promise<StepsRun> {
  const results = await runStepsDirectly(stepInput(inputPaths, outputDir, maxQuarantineShare), { to: 'validate' });
  return { extract: results.extract as StepResult, validate: results.validate as StepResult, database: refreshLayout(outputDir, 'test', 'test-run').workDatabase };
}

/** Runs a query against a run's database and returns JSON rows. */
export async function query<T extends Row = Row>(database: string, sql: string): Promise<T[]> {
  return withDatabase(database, (db) => db.all<T>(sql));
}

export function outputDirIn(dir: string, label: string): string {
  return join(dir, `out-${label}`);
}
