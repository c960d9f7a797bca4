import { hostname } from 'node:os';
import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import { WarehouseBusyError } from '../schemas/errors.js';

/**
 * A lock file a warehouse's running refresh holds, so that no second writer (a refresh started in
 * another namespace, on another cluster, or by hand) builds, publishes or prunes the same folder.
 * Temporal's one-workflow-id-per-warehouse rule only holds within one namespace; this holds on disk.
 *
 * A step renews the lock while it runs; a lock nobody renewed for STALE_AFTER_MS belongs to a refresh
 * whose worker is gone, and the next refresh takes it over.
 */
export const STALE_AFTER_MS = 120_000;

export interface LockHolder {
  refreshId: string;
  workflowId?: string;
  namespace?: string;
  host: string;
  pid: number;
  since: string;
}

export function lockFile(warehouseRoot: string): string {
  return join(warehouseRoot, 'refresh.lock');
}

/** The lock's holder and when it was last renewed, or undefined when nobody holds it. */
export function readLock(warehouseRoot: string): (LockHolder & { renewedMs: number }) | undefined {
  try {
    const file = lockFile(warehouseRoot);
    const renewedMs = statSync(file).mtimeMs;
    return { ...(JSON.parse(readFileSync(file, 'utf8')) as LockHolder), renewedMs };
  } catch {
    return undefined; // absent, or half-written by a holder that died: nobody holds it
  }
}

/**
 * Takes the warehouse for `refreshId` (or renews it when it already holds it). Throws
 * WarehouseBusyError naming the holder when another refresh holds a lock renewed recently.
 */
export function acquireLock(warehouseRoot: string, holder: Omit<LockHolder, 'host' | 'pid' | 'since'>, now = Date.now()): void {
  const file = lockFile(warehouseRoot);
  const body = `${JSON.stringify({ ...holder, host: hostname(), pid: process.pid, since: new Date(now).toISOString() } satisfies LockHolder)}\n`;
  for (let tries = 0; tries < 3; tries += 1) {
    try {
      writeFileSync(file, body, { flag: 'wx' }); // created only if absent: one of two racing refreshes wins
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const current = readLock(warehouseRoot);
    if (current?.refreshId === holder.refreshId) {
      utimesSync(file, now / 1000, now / 1000);
      return;
    }
    if (current && now - current.renewedMs < STALE_AFTER_MS) {
      const where = [current.workflowId && `workflow ${current.workflowId}`, current.namespace && `namespace ${current.namespace}`, `host ${current.host}`, `pid ${current.pid}`].filter(Boolean).join(', ');
      throw new WarehouseBusyError(
        `warehouse folder ${warehouseRoot} is held by refresh ${current.refreshId} (${where}, renewed ${Math.round((now - current.renewedMs) / 1000)} s ago); ` +
          `wait for it to end (a lock not renewed for ${STALE_AFTER_MS / 60_000} minutes is taken over), then resume this one with: npm run reset -- --warehouse ${basename(warehouseRoot)}`,
      );
    }
    rmSync(file, { force: true }); // stale or unreadable: its holder is gone
  }
  throw new WarehouseBusyError(`warehouse folder ${warehouseRoot}: could not take its lock ${file}; another refresh keeps taking it`);
}

/** Marks the lock as still held by `refreshId` (a step does this while it runs). */
export function renewLock(warehouseRoot: string, refreshId: string): void {
  if (readLock(warehouseRoot)?.refreshId !== refreshId) return;
  const now = Date.now() / 1000;
  try {
    utimesSync(lockFile(warehouseRoot), now, now);
  } catch {
    // removed meanwhile: the next step takes it again
  }
}

/** Gives the warehouse up, if `refreshId` holds it. */
export function releaseLock(warehouseRoot: string, refreshId: string): void {
  if (readLock(warehouseRoot)?.refreshId === refreshId) rmSync(lockFile(warehouseRoot), { force: true });
}
