import { mkdirSync } from 'node:fs';

import { ApplicationFailure } from '@temporalio/common';

import { Context } from '@temporalio/activity';

import { StepInputSchema, type StepInput, type StepName, type StepResult } from '../schemas/workflow.js';
import { assertInsideOutput, refreshLayout } from '../warehouse/layout.js';
import { claimAttempt, releaseAttempt, renewAttempt } from '../warehouse/attempt-claim.js';
import { acquireLock, releaseLock, renewLock } from '../warehouse/refresh-lock.js';
import { toFailure, withNextStep } from './errors.js';
import { BadInputError } from '../schemas/errors.js';
import { logEvent } from './event-log.js';
import { oneAttemptAtATime, runStoppable } from '../warehouse/stop-scope.js';

export interface StepContext {
  input: StepInput;
  layout: ReturnType<typeof refreshLayout>;
  /** Records progress; it is sent with the next heartbeat and shown by the start command. */
  progress(message: string): void;
}

export type StepBody = (ctx: StepContext) => Promise<Omit<StepResult, 'step' | 'durationMs' | 'cpuMs' | 'peakRssMb'>>;

const HEARTBEAT_EVERY_MS = 2_000;
const RSS_SAMPLE_EVERY_MS = 50;

/** Samples the process's resident set while a step runs; short spikes between samples go unseen. */
function watchResidentSet() {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, RSS_SAMPLE_EVERY_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    return Math.round(Math.max(peak, process.memoryUsage.rss()) / 2 ** 20);
  };
}

/** The activity's context, or undefined when a step is called directly (tests, scripts). */
export function activityContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined; // called directly, outside a worker (tests, scripts)
  }
}

/**
 * Runs one step: validates its input, heartbeats while it works (so a dead worker is noticed in
 * seconds), times it, logs one JSON event, and turns our error classes into non-retryable failures.
 */
export async function runStep(step: StepName, rawInput: unknown, body: StepBody): Promise<StepResult> {
  const parsed = StepInputSchema.safeParse(rawInput);
  if (!parsed.success) throw toFailure(new BadInputError(`${step}: invalid activity input: ${parsed.error.message}`));
  const input = parsed.data;
  const layout = refreshLayout(input.outputDir, input.warehouse, input.refreshId);
  try {
    mkdirSync(input.outputDir, { recursive: true });
    for (const path of [layout.root, layout.runDir, layout.publishedRunDir]) assertInsideOutput(input.outputDir, path);
  } catch (err) {
    throw toFailure(err); // before any event is logged: the log itself lives under these folders
  }
  const ctx = activityContext();
  try {
    mkdirSync(layout.root, { recursive: true });
    acquireLock(layout.root, { refreshId: input.refreshId, workflowId: ctx?.info.workflowExecution?.workflowId, namespace: ctx?.info.workflowNamespace });
  } catch (err) {
    throw toFailure(err);
  }
  const event = { refreshId: input.refreshId, warehouse: input.warehouse, step, attempt: ctx?.info.attempt ?? 1 };
  let last = `${step}: started`;
  ctx?.heartbeat(last);
  const timer = setInterval(() => {
    ctx?.heartbeat(last);
    renewLock(layout.root, input.refreshId);
    renewAttempt(layout.runDir);
  }, HEARTBEAT_EVERY_MS);
  timer.unref();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const peakRss = watchResidentSet();
  try {
    // Stopped when the attempt ends early, and never beside another attempt of the same refresh: in
    // this process (oneAttemptAtATime) nor in another one, say a worker cut off from the server that
    // is still writing the run's files (claimAttempt waits for it).
    const result = await oneAttemptAtATime(input.refreshId, () =>
      runStoppable(ctx?.cancellationSignal, async () => {
        await claimAttempt(layout.runDir, { step, attempt: event.attempt }, (message) => (last = `${step}: ${message}`), {
          signal: ctx?.cancellationSignal,
        });
        return body({
          input,
          layout,
          progress(message) {
            last = `${step}: ${message}`;
          },
        });
      }),
    );
    const used = process.cpuUsage(cpu);
    const done: StepResult = {
      step,
      durationMs: Math.round(performance.now() - started),
      cpuMs: Math.round((used.user + used.system) / 1000),
      peakRssMb: peakRss(),
      ...result,
    };
    // Publish is a refresh's last write. Called directly (tests, scripts), a step is not part of a
    // refresh that will run further steps, so it holds the warehouse only while it runs.
    if (step === 'publish' || !ctx) releaseLock(layout.root, input.refreshId);
    logEvent(layout.root, { event: 'step_completed', ...event, durationMs: done.durationMs, cpuMs: done.cpuMs, peakRssMb: done.peakRssMb, rowsIn: done.rowsIn, rowsOut: done.rowsOut, tables: done.tables });
    return done;
  } catch (caught) {
    // Work stopped because the attempt was cancelled or timed out ends as that cancellation, not as
    // the "interrupted" error it caused; an error of ours (say publish refusing a cancelled refresh) stays.
    const ours = toFailure(caught) !== caught;
    const err = ctx?.cancellationSignal.aborted && !ours ? (ctx.cancellationSignal.reason ?? caught) : caught;
    withNextStep(err, input.warehouse);
    const message = err instanceof Error ? err.message : String(err);
    logEvent(layout.root, { event: 'step_failed', ...event, durationMs: Math.round(performance.now() - started), peakRssMb: peakRss(), message });
    const failure = toFailure(err);
    // A failure nothing will retry ends this refresh's hold on the warehouse; a retryable one keeps it
    // for the retry (it goes stale if the retry never comes).
    if (!ctx || (failure instanceof ApplicationFailure && failure.nonRetryable)) releaseLock(layout.root, input.refreshId);
    throw failure;
  } finally {
    clearInterval(timer);
    releaseAttempt(layout.runDir);
  }
}
