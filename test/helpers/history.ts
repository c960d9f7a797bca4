import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';

const EventType = proto.temporal.api.enums.v1.EventType;

/** Per step: how often it was scheduled, and the attempt number of its (last) start, from the workflow history. */
export async function stepAttempts(client: Client, workflowId: string, runId?: string) {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const byScheduledId = new Map<number, string>();
  const result: Record<string, { scheduled: number; attempt: number }> = {};
  for (const event of history.events ?? []) {
    if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
      const name = event.activityTaskScheduledEventAttributes?.activityType?.name ?? '?';
      byScheduledId.set(Number(event.eventId), name);
      result[name] = { scheduled: (result[name]?.scheduled ?? 0) + 1, attempt: 0 };
    }
    if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
      const name = byScheduledId.get(Number(event.activityTaskStartedEventAttributes?.scheduledEventId)) ?? '?';
      const entry = result[name];
      if (entry) entry.attempt = event.activityTaskStartedEventAttributes?.attempt ?? 0;
    }
  }
  return result;
}

/** Waits until the workflow's pending activity is `step` and has started on a worker. */
export async function waitForRunningStep(client: Client, workflowId: string, step: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const description = await client.workflow.getHandle(workflowId).describe();
    const pending = description.raw.pendingActivities?.find((a) => a.activityType?.name === step);
    if (pending?.state === proto.temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`step ${step} did not start within ${timeoutMs} ms`);
}

/** The identities of the workers that started the workflow's activities. */
export async function activityWorkers(client: Client, workflowId: string): Promise<string[]> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? [])
    .filter((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
    .map((e) => e.activityTaskStartedEventAttributes?.identity ?? '');
}
