import { randomUUID } from 'node:crypto';

import type { Client } from '@temporalio/client';
import Long from 'long';
import proto from '@temporalio/proto';

import { STEPS, type StepName } from '../schemas/steps.js';

// The proto package is CommonJS: Node's ES-module loader sees only its default export.
const { temporal } = proto;
const EventType = temporal.api.enums.v1.EventType;

export interface ResetPoint {
  step: StepName;
  /** The WorkflowTaskCompleted event that scheduled the step; resetting to it re-runs the step and all after it. */
  eventId: number;
  runId: string;
}

/**
 * Finds where to reset a refresh so that `step` (by default the step that failed or was running last)
 * runs again while the steps before it are not executed again.
 */
export async function findResetPoint(client: Client, workflowId: string, step?: StepName): Promise<ResetPoint> {
  const handle = client.workflow.getHandle(workflowId);
  const { runId } = await handle.describe();
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  let lastTaskCompleted = 0;
  const scheduled = new Map<number, { step: StepName; point: number }>();
  const completed = new Set<number>();
  for (const event of history.events ?? []) {
    const id = Number(event.eventId);
    if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) lastTaskCompleted = id;
    if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
      const name = event.activityTaskScheduledEventAttributes?.activityType?.name as StepName;
      if (STEPS.includes(name)) scheduled.set(id, { step: name, point: lastTaskCompleted });
    }
    if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
      completed.add(Number(event.activityTaskCompletedEventAttributes?.scheduledEventId));
    }
  }
  const entries = [...scheduled.entries()];
  const match = step
    ? entries.filter(([, s]) => s.step === step).at(-1)
    : entries.filter(([id]) => !completed.has(id)).at(-1);
  if (!match) {
    throw new Error(step ? `step "${step}" was never scheduled in ${workflowId}; it can't be reset to` : `no failed or unfinished step in ${workflowId}`);
  }
  return { step: match[1].step, eventId: match[1].point, runId };
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
