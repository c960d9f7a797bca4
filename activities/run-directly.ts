import { STEPS, type StepName } from '../schemas/steps.js';
import { StepInputSchema, type RefreshOptions, type StepInput, type StepResult } from '../schemas/workflow.js';
import { createActivities, type Activities } from './index.js';

/** The fields of a step input a caller chooses; the options not given take the refresh defaults. */
export interface StepInputFields {
  refreshId: string;
  warehouse: string;
  inputPaths: string[];
  outputDir: string;
  options?: Partial<RefreshOptions>;
}

/** The input every step of one refresh receives, checked and completed with the refresh defaults. */
export function stepInput(fields: StepInputFields): StepInput {
  return StepInputSchema.parse({ ...fields, options: fields.options ?? {} });
}

export interface DirectRunOptions {
  /** The first and last step to run (default: all five). */
  from?: StepName;
  to?: StepName;
  /** Replaces the activities (for example a publish with fewer writers). */
  activities?: Partial<Activities>;
  /**
   * Records the run in the history before publish, as the workflow does (publish copies that
   * history); fixed times make the published history repeatable. Default: now.
   */
  recordRun?: { startedAt?: string; finishedAt?: string } | false;
  /** Called after each step with its result, its wall time and this process's CPU time (user + system) during it. */
  onStep?: (step: StepName, result: StepResult, time: { wallMs: number; cpuMs: number }) => void;
}

/**
 * Runs the steps of one refresh in this process, in the workflow's order, without Temporal: the
 * one way tests, benchmarks and dev scripts run steps directly. Each step gets the results of the
 * steps before it, as the workflow passes them.
 */
export async function runStepsDirectly(input: StepInput, options: DirectRunOptions = {}): Promise<Partial<Record<StepName, StepResult>>> {
  const activities = { ...createActivities(), ...options.activities };
  const first = STEPS.indexOf(options.from ?? 'extract');
  const last = STEPS.indexOf(options.to ?? 'publish');
  const results: Partial<Record<StepName, StepResult>> = {};
  const startedAt = options.recordRun === false ? undefined : (options.recordRun?.startedAt ?? new Date().toISOString());
  for (const step of STEPS.slice(first, last + 1)) {
    if (step === 'publish' && startedAt !== undefined) {
      const finishedAt = (options.recordRun || undefined)?.finishedAt ?? new Date().toISOString();
      const { refreshId, warehouse, outputDir } = input;
      await activities.recordRun({ refreshId, warehouse, outputDir, workflowId: `direct-${refreshId}`, status: 'completed', startedAt, finishedAt, steps: Object.values(results) });
    }
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await activities[step]({ ...input, completedSteps: Object.values(results) });
    const used = process.cpuUsage(cpu);
    results[step] = result;
    options.onStep?.(step, result, { wallMs: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000) });
  }
  return results;
}
