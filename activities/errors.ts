import { ApplicationFailure } from '@temporalio/common';

import { PathEscapeError } from '../warehouse/layout.js';
import { WarehouseBusyError } from '../warehouse/refresh-lock.js';

/** Input the operator has to fix (a missing file, a missing column, too many bad rows): never retried. */
export class BadInputError extends Error {
  override name = 'BadInput';
  /** What to change, when the message itself does not say it; the step adds how to resume. */
  readonly fix: string;
  constructor(message: string, fix = 'fix the input file named above') {
    super(message);
    this.fix = fix;
  }
}

/** A data test failed after transform: the code or the data needs attention, so nothing is published. */
export class DataTestError extends Error {
  override name = 'DataTestFailed';
}

/** The refresh ended (cancelled, terminated) while a step ran: retrying cannot help. */
export class RefreshEndedError extends Error {
  override name = 'RefreshEnded';
}

/** The command that carries a failed refresh of `warehouse` on once its cause is fixed. */
export function resumeCommand(warehouse: string): string {
  return `npm run reset -- --warehouse ${warehouse}`;
}

/**
 * Ends a BadInput or DataTestFailed message with what to do next: the fix, then the command that
 * resumes the refresh (reset re-runs extract for both, so a corrected file is read again).
 */
export function withNextStep(err: unknown, warehouse: string): void {
  if (!(err instanceof BadInputError || err instanceof DataTestError) || err.message.includes(resumeCommand(warehouse))) return;
  const fix = err instanceof BadInputError ? err.fix : 'if the input caused it (the rows above name file and line), fix the file; if not, the code';
  err.message = `${err.message} — ${fix}, then resume with: ${resumeCommand(warehouse)}`;
}

/** Turns our error classes into non-retryable Temporal failures; anything else stays retryable. */
export function toFailure(err: unknown): unknown {
  if (err instanceof BadInputError || err instanceof DataTestError || err instanceof RefreshEndedError || err instanceof WarehouseBusyError || err instanceof PathEscapeError) {
    return ApplicationFailure.create({ type: err.name, message: err.message, nonRetryable: true });
  }
  return err;
}
