import { join } from 'node:path';

import { createActivities } from '../../activities/index.js';
import type { StepResult } from '../../schemas/workflow.js';
import { warehouseLayout } from '../../warehouse/layout.js';

/** The input every step of one refresh receives. */
export function stepInput(inputPath: string, outputDir: string, refreshId = 'model-test') {
  return { refreshId, warehouse: 'model', inputPaths: [inputPath], outputDir, options: { maxQuarantineShare: 0.05, keepRuns: 3 } };
}

/** Runs extract, validate and transform directly (no Temporal) and returns the work database path. */
export async function buildMarts(inputPath: string, outputDir: string, refreshId = 'model-test'): Promise<string> {
  const activities = createActivities();
  const input = stepInput(inputPath, outputDir, refreshId);
  await activities.extract(input);
  await activities.validate(input);
  await activities.transform(input);
  return join(warehouseLayout(outputDir, 'model', refreshId).runDir as string);
}

/** Runs the model step on a refresh whose marts are built. */
export async function runModel(inputPath: string, outputDir: string, refreshId = 'model-test'): Promise<StepResult> {
  return createActivities().model(stepInput(inputPath, outputDir, refreshId));
}

/** The work database of a refresh. */
export function workDatabase(outputDir: string, refreshId = 'model-test'): string {
  return warehouseLayout(outputDir, 'model', refreshId).workDatabase as string;
}
