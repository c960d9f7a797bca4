/**
 * Starting a refresh from a client: what `npm run refresh` and the schedules need, apart from the
 * worker's modules (DuckDB, the activities), so that a client-only command loads in a fraction of the time.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';

import { RefreshInputSchema, type RefreshInput } from '../schemas/workflow.js';
import type { refreshWarehouse } from '../workflows/index.js';

/** The workflow id of a warehouse's refresh: one id per warehouse, so two refreshes of it cannot overlap. */
export function refreshWorkflowId(warehouse: string): string {
  return `refresh-${warehouse}`;
}

/** A link to a workflow in the Temporal Web UI. */
export function workflowUrl(uiUrl: string, namespace: string, workflowId: string): string {
  return `${uiUrl}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

/** Starts `refreshWarehouse`; refuses clearly when a refresh of the same warehouse is already running. */
export async function startRefresh(client: Client, taskQueue: string, rawInput: RefreshInput) {
  const input = RefreshInputSchema.parse(rawInput);
  const workflowId = refreshWorkflowId(input.warehouse);
  try {
    return await client.workflow.start<typeof refreshWarehouse>('refreshWarehouse', {
      workflowId,
      taskQueue,
      args: [input],
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      throw new Error(
        `a refresh of warehouse "${input.warehouse}" is already running (workflow id ${workflowId}); ` +
          'wait for it to finish or terminate it in the Temporal Web UI — two refreshes never write one warehouse at once',
      );
    }
    throw err;
  }
}
