import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The JSON-lines event log of a warehouse: one line per step and per refresh outcome. */
export function eventLogFile(warehouseRoot: string): string {
  return join(warehouseRoot, 'logs', 'events.jsonl');
}

/**
 * Appends one event as a JSON line (timestamped). Logging must never break a refresh, so a write
 * error is reported on stderr and otherwise ignored. Events carry ids, counts and messages, never
 * configuration or credentials.
 */
export function logEvent(warehouseRoot: string, event: Record<string, unknown> & { event: string }): void {
  const line = `${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`;
  try {
    mkdirSync(join(warehouseRoot, 'logs'), { recursive: true });
    appendFileSync(eventLogFile(warehouseRoot), line);
  } catch (err) {
    process.stderr.write(`event log not written: ${(err as Error).message}\n`);
  }
}
