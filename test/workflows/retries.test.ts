import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Activities } from '../../activities/index.js';
import { findTestServer } from '../../runtime/temporal-binary.js';
import { workflowBundlePath } from '../../runtime/workflow-bundle.js';
import { STEPS } from '../../schemas/steps.js';
import type { RefreshResult, StepInput, StepResult } from '../../schemas/workflow.js';

/** Activities that only record their calls; `transform` fails transiently a given number of times. */
function scriptedActivities(transientFailures: number) {
  const attempts: string[] = [];
  let failuresLeft = transientFailures;
  const make = (step: (typeof STEPS)[number]) => async (input: StepInput): Promise<StepResult> => {
    attempts.push(step);
    if (step === 'transform' && failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error('database file is locked'); // a plain error: retryable
    }
    return { step, durationMs: 1, rowsIn: 1, rowsOut: 1, tables: [], notes: [input.refreshId], outputs: {} };
  };
    const recordRun = async () => undefined;
  return { activities: { ...Object.fromEntries(STEPS.map((s) => [s, make(s)])), recordRun } as unknown as Activities, attempts };
}

// The time-skipping test server (from the pinned wheel) makes the retry back-off instant.
describe('retry policy, on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    const path = findTestServer();
    if (!path) throw new Error('temporal-test-server not found: run npm run setup');
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
  });
  afterAll(async () => env?.teardown());

  async function run(transientFailures: number) {
    const { activities, attempts } = scriptedActivities(transientFailures);
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'retries',
      workflowBundle: { codePath: await workflowBundlePath() },
      activities,
    });
    const outcome = await worker.runUntil(
      env.client.workflow
        .execute('refreshWarehouse', {
          taskQueue: 'retries',
          workflowId: `retry-${transientFailures}`,
          args: [{ warehouse: 'w', inputPaths: ['/in.csv'], outputDir: '/out', refreshId: 'r1' }],
        })
        .then((r) => r as RefreshResult, (err: unknown) => err as Error),
    );
    return { outcome, attempts };
  }

  it('retries a transient failure and completes', async () => {
    const { outcome, attempts } = await run(3);
    expect((outcome as RefreshResult).steps).toHaveLength(5);
    expect(attempts).toEqual(['extract', 'validate', 'transform', 'transform', 'transform', 'transform', 'model', 'publish']);
  });

  it('gives up after five attempts and names the step', async () => {
    const { outcome, attempts } = await run(10);
    expect(attempts.filter((a) => a === 'transform')).toHaveLength(5);
    expect(attempts).not.toContain('model');
    expect(String((outcome as Error & { cause?: Error }).cause?.message)).toBe('step "transform" failed: database file is locked');
  });
});
