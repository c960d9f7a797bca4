import { join } from 'node:path';

import { runStepsDirectly, stepInput as completeStepInput } from '../../activities/run-directly.js';
import type { StepResult } from '../../schemas/workflow.js';
import { warehouseLayout } from '../../warehouse/layout.js';

/** The input every step of one refresh receives. */
export function stepInput(inputPath: string, outputDir: string, refreshId = 'model-test') {
  return completeStepInput({ refreshId, warehouse: 'model', inputPaths: [inputPath], outputDir });
}

/** Runs extract, validate and transform directly (no Temporal) and returns the work database path. */
export async function buildMarts(inputPath: string, outputDir: string, refreshId = 'model-test'): Promise<string> {
  await runStepsDirectly(stepInput(inputPath, outputDir, refreshId), { to: 'transform' });
  return join(warehouseLayout(outputDir, 'model', refreshId).runDir as string);
}

/** Runs the model step on a refresh whose marts are built. */
export async function runModel(inputPath: string, outputDir: string, refreshId = 'model-test'): Promise<StepResult> {
  const { model } = await runStepsDirectly(stepInput(inputPath, outputDir, refreshId), { from: 'model', to: 'model' });
  return model as StepResult;
}

/** The work database of a refresh. */
export function workDatabase(outputDir: string, refreshId = 'model-test'): string {
  return warehouseLayout(outputDir, 'model', refreshId).workDatabase as string;
}
