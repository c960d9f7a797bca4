import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What a running step has to stop when its attempt ends early (cancelled, timed out, its heartbeat
 * lost): DuckDB connections to interrupt, model threads to end. Without it a timed-out attempt
 * kept computing on the same DuckDB file while Temporal's retry started beside it in this process.
 */
interface StepScope {
  stops: Set<() => unknown>;
  stopped: boolean;
}

const storage = new AsyncLocalStorage<StepScope>();

/**
 * Registers how to stop a piece of the current step's work; returns the call that unregisters it
 * (when that work is done). Outside a step (tests, scripts) there is nothing to stop it and this does nothing.
 */
export function onStepStop(stop: () => unknown): () => void {
  const scope = storage.getStore();
  if (!scope) return () => undefined;
  if (scope.stopped) {
    void Promise.resolve().then(stop).catch(() => undefined); // started after the stop: stop it at once
    return () => undefined;
  }
  scope.stops.add(stop);
  return () => scope.stops.delete(stop);
}

/** Runs `fn` as a step whose work every registered stop ends once `signal` aborts. */
export async function runStoppable<T>(signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
  const scope: StepScope = { stops: new Set(), stopped: false };
  const stopAll = () => {
    scope.stopped = true;
    for (const stop of scope.stops) {
      try {
        void Promise.resolve(stop()).catch(() => undefined);
      } catch {
        // a stop that fails (a connection already closed) leaves nothing running
      }
    }
    scope.stops.clear();
  };
  if (signal?.aborted) stopAll();
  signal?.addEventListener('abort', stopAll, { once: true });
  try {
    return await storage.run(scope, fn);
  } finally {
    signal?.removeEventListener('abort', stopAll);
  }
}

/**
 * The attempts running in this process, by refresh: a retry of a refresh waits until the attempt
 * before it has stopped (its DuckDB files closed), so two attempts never write the same files.
 */
const running = new Map<string, Promise<unknown>>();

/** Runs `fn` after any earlier attempt of the same refresh in this process has ended (up to `waitMs`). */
export async function oneAttemptAtATime<T>(refreshId: string, fn: () => Promise<T>, waitMs = 120_000): Promise<T> {
  const before = running.get(refreshId);
  if (before) {
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = await Promise.race([
      before.then(() => false, () => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), waitMs))),
    ]);
    clearTimeout(timer);
    if (gaveUp) throw new Error(`an earlier attempt of refresh ${refreshId} is still running in this worker after ${waitMs / 1000} s; retrying later`);
  }
  const attempt = fn();
  running.set(refreshId, attempt);
  try {
    return await attempt;
  } finally {
    if (running.get(refreshId) === attempt) running.delete(refreshId);
  }
}
