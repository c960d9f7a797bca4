import { ApplicationFailure } from '@temporalio/common';

import { BadInputError, DataTestError, isNonRetryable } from '../schemas/errors.js';

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
  if (isNonRetryable(err)) {
    return ApplicationFailure.create({ type: err.name, message: err.message, nonRetryable: true });
  }
  return err;
}
