import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  defineQuery,
  isCancellation,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';

import type { Activities } from '../activities/index.js';
import { NON_RETRYABLE_ERRORS } from '../schemas/errors.js';
import { REFRESH_DEFAULTS, STEPS, type StepName } from '../schemas/steps.js';
import type { RefreshInput, RefreshResult, RefreshStatus, RunRecord, StepInput, StepResult } from '../schemas/workflow.js';

// Heartbeats every few seconds let Temporal notice a dead worker within the heartbeat timeout,
// long before the start-to-close timeout that has to allow for a hundred times the data.
const activities = proxyActivities<Activities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '15 seconds',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 5,
    nonRetryableErrorTypes: [...NON_RETRYABLE_ERRORS],
  },
});

export const statusQuery = defineQuery<RefreshStatus>('status');

/**
 * Refreshes one warehouse: extract -> validate -> transform -> model -> publish.
 * Activities receive ids and paths only. A failed step fails the workflow with the step's name, so an
 * operator can fix the cause and reset the workflow to just before that step. How the refresh ended
 * is recorded in the warehouse's run history either way.
 */
export async function refreshWarehouse(input: RefreshInput): Promise<RefreshResult> {
  const info = workflowInfo();
  // The first run id is kept by a reset, so a reset run works on the same files as the run it replaces.
  const refreshId = input.refreshId ?? info.firstExecutionRunId;
  const status: RefreshStatus = { refreshId, completed: [] };
  setHandler(statusQuery, () => status);

  const base: Omit<StepInput, 'completedSteps'> = {
    refreshId,
    warehouse: input.warehouse,
    inputPaths: input.inputPaths,
    outputDir: input.outputDir,
    options: { ...REFRESH_DEFAULTS, ...input.options },
  };
  const record = (outcome: Pick<RunRecord, 'status' | 'failedStep' | 'message'>): Promise<void> =>
    activities.recordRun({
      refreshId,
      warehouse: input.warehouse,
      outputDir: input.outputDir,
      workflowId: info.workflowId,
      runId: info.runId,
      startedAt: info.startTime.toISOString(),
      finishedAt: new Date().toISOString(),
      steps: status.completed,
      ...outcome,
    } satisfies RunRecord);

  // Recorded once, after publish switched `current`: publish itself adds this refresh to the
  // published copy of the run history, so nothing says "completed" before it is true.
  for (const step of STEPS) {
    status.current = step;
    const result = await runStep(step, { ...base, completedSteps: [...status.completed] }, status, record);
    status.completed.push(result);
  }
  status.current = undefined;
  await record({ status: 'completed' });

  const publish = status.completed.find((r) => r.step === 'publish');
  return {
    refreshId,
    warehouse: input.warehouse,
    steps: status.completed,
    publishedDir: publish?.outputs.publishedDir ?? '',
    databaseFile: publish?.outputs.databaseFile ?? '',
  };
}

async function runStep(
  step: StepName,
  stepInput: StepInput,
  status: RefreshStatus,
  record: (outcome: Pick<RunRecord, 'status' | 'failedStep' | 'message'>) => Promise<void>,
): Promise<StepResult> {
  try {
    return await activities[step](stepInput);
  } catch (err) {
    const cause = err instanceof ActivityFailure && err.cause ? err.cause : err;
    const message = cause instanceof Error ? cause.message : String(cause);
    const cancelled = isCancellation(err);
    status.failed = { step, message: cancelled ? 'cancelled' : message };
    // Best effort: a failure to write the history must not hide the step's own failure. A cancelled
    // refresh can still schedule this one activity, outside the cancelled scope.
    const recording = () => record({ status: 'failed', failedStep: step, message: cancelled ? `cancelled during ${step}` : message });
    await (cancelled ? CancellationScope.nonCancellable(recording) : recording()).catch(() => undefined);
    if (cancelled) throw err;
    throw ApplicationFailure.create({
      type: 'StepFailed',
      message: `step "${step}" failed: ${message}`,
      details: [{ step }],
      nonRetryable: true,
      cause: cause instanceof Error ? cause : undefined,
    });
  }
}
