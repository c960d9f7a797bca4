import { ScheduleOverlapPolicy, type ScheduleDescription, type ScheduleHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRefreshSchedule, refreshScheduleId, triggerRefreshSchedule } from '../../runtime/schedules.js';
import { startTestTemporal, type TestTemporal } from '../helpers/temporal.js';

/** Polls the schedule until the condition holds (the server applies triggers asynchronously). */
async function until(handle: ScheduleHandle, condition: (d: ScheduleDescription) => boolean): Promise<ScheduleDescription> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const described = await handle.describe();
    if (condition(described) || Date.now() > deadline) return described;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('refresh schedules on a real dev server', () => {
  let temporal: TestTemporal;
  beforeAll(async () => {
    temporal = await startTestTemporal();
  });
  afterAll(async () => temporal?.close());

  it('creates, pauses, unpauses, triggers and deletes, skipping overlaps by default', async () => {
    const input = { warehouse: 'nightly', inputPaths: ['/data/in.csv'], outputDir: '/data/out' };
    const handle = await createRefreshSchedule(temporal.client, 'q-schedule', input, { cron: '0 2 * * *' });
    expect(handle.scheduleId).toBe(refreshScheduleId('nightly'));
    let described = await handle.describe();
    expect(described.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
    expect(described.action.type).toBe('startWorkflow');
    expect(described.info.nextActionTimes[0]?.getUTCHours()).toBe(2);

    await handle.pause('maintenance');
    described = await handle.describe();
    expect(described.state.paused).toBe(true);
    await handle.unpause();
    expect((await handle.describe()).state.paused).toBe(false);

    // Triggered twice while no worker runs: the first refresh is still running, so the second is skipped.
    await triggerRefreshSchedule(handle);
    described = await until(handle, (d) => d.info.numActionsTaken === 1);
    await triggerRefreshSchedule(handle);
    described = await until(handle, (d) => d.info.numActionsSkippedOverlap + d.info.numActionsTaken > 1);
    expect(described.info.numActionsTaken).toBe(1);
    expect(described.info.numActionsSkippedOverlap).toBe(1);
    for (const action of described.info.recentActions) {
      await temporal.client.workflow.getHandle(action.action.workflow.workflowId).terminate('test done');
    }
    await handle.delete();
    await expect(handle.describe()).rejects.toThrow();
  });

  it('rejects a schedule with neither or both of interval and cron', async () => {
    const input = { warehouse: 'bad', inputPaths: ['/x.csv'], outputDir: '/out' };
    await expect(createRefreshSchedule(temporal.client, 'q', input, {})).rejects.toThrow(/exactly one of --every or --cron/);
    await expect(createRefreshSchedule(temporal.client, 'q', input, { every: '1d', cron: '0 2 * * *' })).rejects.toThrow(/exactly one/);
  });
});
