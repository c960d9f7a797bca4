import type { WorkflowClient } from '@temporalio/client';
import proto from '@temporalio/proto';

// The proto package is CommonJS: Node's ES-module loader sees only its default export.
const { temporal } = proto;
const TaskQueueType = temporal.api.enums.v1.TaskQueueType;

/** A Client or a handle's WorkflowClient: both reach the workflow service in one namespace. */
type Service = Pick<WorkflowClient, 'workflowService'> & { options: { namespace: string } };

/**
 * A worker long-polls for at most about a minute before it polls again, so a poller last seen longer
 * ago than this is gone (the server keeps listing pollers for minutes after they stopped).
 */
export const POLLER_GONE_AFTER_MS = 75_000;

/** How many workers poll a task queue for workflow tasks and for activities, seen within the last minute or so. */
export async function livePollers(client: Service, taskQueue: string, now = Date.now()): Promise<{ workflow: number; activity: number }> {
  const count = async (taskQueueType: number) => {
    const response = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue },
      taskQueueType,
    });
    return (response.pollers ?? []).filter((p) => {
      const seconds = Number(p.lastAccessTime?.seconds ?? 0);
      return now - seconds * 1000 < POLLER_GONE_AFTER_MS;
    }).length;
  };
  const [workflow, activity] = await Promise.all([count(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW), count(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)]);
  return { workflow, activity };
}

/** A one-line warning when no worker polls the task queue (the refresh would wait for one), else undefined. */
export async function noWorkerWarning(client: Service, taskQueue: string, workflowId: string, now = Date.now()): Promise<string | undefined> {
  const pollers = await livePollers(client, taskQueue, now).catch(() => undefined);
  if (!pollers || (pollers.workflow > 0 && pollers.activity > 0)) return undefined;
  return (
    `warning: no worker polls task queue "${taskQueue}", so ${workflowId} waits until one does; ` +
    `start one with npm run worker (same TEMPORAL_ADDRESS and TEMPORAL_TASK_QUEUE), or end the refresh with temporal workflow terminate --workflow-id ${workflowId}`
  );
}
