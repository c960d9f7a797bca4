import { randomUUID } from 'node:crypto';

import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import Long from 'long';
import proto from '@temporalio/proto';

import { STEPS, type StepName } from '../schemas/steps.js';

// The proto package is CommonJS: Node's ES-module loader sees only its default export.
const { temporal } = proto;
const EventType = temporal.api.enums.v1.EventType;

/** Failure types whose cause can be in the input file: a reset then re-reads the file from extract. */
const INPUT_CAUSES = ['BadInput', 'DataTestFailed'];

export interface ResetPoint {
  step: StepName;
  /** Why this step: the failed one, or extract when the failure was in the input (see below). */
  reason: string;
  /** The WorkflowTaskCompleted event that scheduled the step; resetting to it re-runs the step and all after it. */
  eventId: number;
  runId: string;
}

/**
 * Finds where to reset a refresh so that `step` runs again while the steps before it are not
 * executed again. By default that is the step that failed (or was running last) — except when it
 * failed on bad input, or a data test failed: the fix is then (or may be) in the input file, which
 * only extract reads (later steps read extract's staged copy), so the default is extract. Re-running
 * extract after a fix in the code costs the extract's time, never a wrong result.
 */
export async function findResetPoint(client: Client, workflowId: string, step?: StepName): Promise<ResetPoint> {
  const handle = client.workflow.getHandle(workflowId);
  const { runId } = await handle.describe().catch((err: unknown) => {
    if (err instanceof WorkflowNotFoundError) throw new Error(`--warehouse: no refresh with workflow id ${workflowId} on this Temporal server (namespace ${client.options.namespace})`);
    throw err;
  });
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  let lastTaskCompleted = 0;
  let badInput = false;
  const scheduled = new Map<number, { step: StepName; point: number }>();
  const completed = new Set<number>();
  for (const event of history.events ?? []) {
    const id = Number(event.eventId);
    if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) lastTaskCompleted = id;
    if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
      const name = event.activityTaskScheduledEventAttributes?.activityType?.name as StepName;
      if (STEPS.includes(name)) scheduled.set(id, { step: name, point: lastTaskCompleted });
    }
    if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED) {
      const type = event.workflowExecutionFailedEventAttributes?.failure?.cause?.applicationFailureInfo?.type;
      badInput = type ? INPUT_CAUSES.includes(type) : false;
    }
    if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
      completed.add(Number(event.activityTaskCompletedEventAttributes?.scheduledEventId));
    }
  }
  const entries = [...scheduled.entries()];
  const failed = entries.filter(([id]) => !completed.has(id)).at(-1)?.[1].step;
  const wanted = step ?? (badInput ? 'extract' : failed);
  const match = wanted ? entries.filter(([, s]) => s.step === wanted).at(-1) : undefined;
  if (!match) {
    throw new Error(step ? `step "${step}" was never scheduled in ${workflowId}; it can't be reset to` : `no failed or unfinished step in ${workflowId}`);
  }
  const reason = step
    ? `as asked`
    : badInput && failed !== 'extract'
      ? `"${failed}" failed on bad input or a data test, and only extract reads the input again`
      : `"${match[1].step}" is the step that failed`;
  return { step: match[1].step, reason, eventId: match[1].point, runId };
}

/** Resets the workflow to the reset point; returns the new run's id. */
export async function resetToStep(client: Client, workflowId: string, point: ResetPoint, reason: string): Promise<string> {
  const response: proto.temporal.api.workflowservice.v1.IResetWorkflowExecutionResponse = await client.workflowService.resetWorkflowExecution({
    namespace: client.options.namespace,
    workflowExecution: { workflowId, runId: point.runId },
    workflowTaskFinishEventId: Long.fromNumber(point.eventId),
    reason,
    requestId: randomUUID(),
  });
  return response.runId ?? '';
}
