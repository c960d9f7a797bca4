import { hostname } from 'node:os';
import { mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Which process is running a step of one refresh, on disk in the run's folder. Temporal starts a
 * step's next attempt on any worker once the last one stopped heartbeating, but a worker cut off from
 * the server (not dead) may still be writing the run's files. The new attempt waits while the claim
 * is renewed by a live holder; a holder that stopped renewing, or whose process is gone (same host),
 * holds nothing.
 */
export interface AttemptHolder {
  step: string;
  attempt: number;
  host: string;
  pid: number;
}

/**
 * A claim not renewed for this long holds nothing. Holders renew it with every heartbeat (2 s); the
 * server gives a step to another worker 15 s after the last heartbeat, so a killed worker's claim is
 * stale by the time its retry starts.
 */
export const ATTEMPT_STALE_AFTER_MS = 10_000;

export function attemptFile(runDir: string): string {
  return join(runDir, 'attempt.json');
}

function readClaim(runDir: string): (AttemptHolder & { renewedMs: number }) | undefined {
  try {
    const file = attemptFile(runDir);
    const renewedMs = statSync(file).mtimeMs;
    return { ...(JSON.parse(readFileSync(file, 'utf8')) as AttemptHolder), renewedMs };
  } catch {
    return undefined; // absent, or half-written by a holder that died
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live claim of another process on the run, if any. */
export function otherLiveClaim(runDir: string, now = Date.now()): (AttemptHolder & { renewedMs: number }) | undefined {
  const claim = readClaim(runDir);
  if (!claim || (claim.host === hostname() && claim.pid === process.pid)) return undefined;
  if (now - claim.renewedMs >= ATTEMPT_STALE_AFTER_MS) return undefined;
  if (claim.host === hostname() && !alive(claim.pid)) return undefined;
  return claim;
}

export function describeHolder(claim: AttemptHolder & { renewedMs: number }, now = Date.now()): string {
  return `attempt ${claim.attempt} of ${claim.step} on host ${claim.host}, pid ${claim.pid} (renewed ${Math.round((now - claim.renewedMs) / 1000)} s ago)`;
}

/**
 * Waits until no other live process claims the run, calling `waiting` about once a second with who
 * holds it, then claims it for this process. Throws after `timeoutMs` (the step then fails as
 * retryable, and Temporal tries again later).
 */
export async function claimAttempt(
  runDir: string,
  holder: Omit<AttemptHolder, 'host' | 'pid'>,
  waiting: (message: string) => void,
  { signal, timeoutMs = 10 * 60_000 }: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let other = otherLiveClaim(runDir); other; other = otherLiveClaim(runDir)) {
    signal?.throwIfAborted();
    if (Date.now() > deadline) throw new Error(`the run folder ${runDir} is still in use by ${describeHolder(other)}; this attempt gave up waiting`);
    waiting(`waiting for ${describeHolder(other)} to end, which may still be writing this run's files`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  mkdirSync(runDir, { recursive: true });
  writeFileSync(attemptFile(runDir), `${JSON.stringify({ ...holder, host: hostname(), pid: process.pid } satisfies AttemptHolder)}\n`);
}

/** Marks the claim as still held by this process (with every heartbeat). */
export function renewAttempt(runDir: string): void {
  const claim = readClaim(runDir);
  if (!claim || claim.host !== hostname() || claim.pid !== process.pid) return;
  const now = Date.now() / 1000;
  try {
    utimesSync(attemptFile(runDir), now, now);
  } catch {
    // removed meanwhile
  }
}

/** Gives the run up, if this process holds it. */
export function releaseAttempt(runDir: string): void {
  const claim = readClaim(runDir);
  if (claim && claim.host === hostname() && claim.pid === process.pid) rmSync(attemptFile(runDir), { force: true });
}
