import { ScheduleOverlapPolicy, type Client, type ScheduleHandle } from '@temporalio/client';
import { z } from 'zod';

import { RefreshInputSchema, type RefreshInput } from '../schemas/workflow.js';
import type { refreshWarehouse } from '../workflows/index.js';
import { refreshWorkflowId } from './start-refresh.js';

export const OVERLAP_POLICIES = ['skip', 'buffer-one', 'buffer-all', 'cancel-other', 'terminate-other', 'allow-all'] as const;

export const ScheduleSpecSchema = z
  .object({
    every: z.string().regex(/^\d+(ms|s|m|h|d)$/, 'an interval such as 30m, 6h or 1d').optional(),
    cron: z.string().min(9, 'a cron expression such as "0 2 * * *"').optional(),
    overlap: z.enum(OVERLAP_POLICIES).default('skip'),
  })
  .refine((s) => Boolean(s.every) !== Boolean(s.cron), { message: 'give exactly one of --every or --cron' });
export type ScheduleSpecInput = z.input<typeof ScheduleSpecSchema>;

/** The schedule of a warehouse's nightly (or other) refresh: one per warehouse. */
export function refreshScheduleId(warehouse: string): string {
  return `refresh-${warehouse}-schedule`;
}

/**
 * Creates a schedule that starts `refreshWarehouse` on an interval or a cron expression. With the
 * default overlap policy, a start that falls while the previous refresh still runs is skipped.
 */
export async function createRefreshSchedule(
  client: Client,
  taskQueue: string,
  rawInput: RefreshInput,
  rawSpec: ScheduleSpecInput,
): Promise<ScheduleHandle> {
  const input = RefreshInputSchema.parse(rawInput);
  const spec = ScheduleSpecSchema.parse(rawSpec);
  const overlap = spec.overlap.toUpperCase().replace('-', '_') as keyof typeof ScheduleOverlapPolicy;
  return client.schedule.create({
    scheduleId: refreshScheduleId(input.warehouse),
    spec: spec.every ? { intervals: [{ every: spec.every as `${number}d` }] } : { cronExpressions: [spec.cron as string] },
    action: {
      type: 'startWorkflow',
      workflowType: 'refreshWarehouse' satisfies (typeof refreshWarehouse)['name'],
      workflowId: refreshWorkflowId(input.warehouse),
      taskQueue,
      args: [input],
    },
    policies: { overlap: ScheduleOverlapPolicy[overlap], catchupWindow: '1 day' },
  });
}

/**
 * Starts a refresh now under the schedule's own overlap policy (the SDK's trigger would otherwise
 * allow overlaps), so a manual trigger never stacks a second refresh on a running one.
 */
export async function triggerRefreshSchedule(handle: ScheduleHandle): Promise<void> {
  const { policies } = await handle.describe();
  await handle.trigger(policies.overlap);
}
