import { ApplicationFailure } from '@temporalio/common';

import { PathEscapeError } from '../warehouse/layout.js';
import { WarehouseBusyError } from '../warehouse/refresh-lock.js';

/** Input the operator has to fix (a missing file, a missing column, too many bad rows): never retried. */
export class BadInputError extends Error {
  override name = 'BadInput';
}

/** A data test failed after transform: the code or the data needs attention, so nothing is published. */
export class DataTestError extends Error {
  override name = 'DataTestFailed';
}

/** The refresh ended (cancelled, terminated) while a step ran: retrying cannot help. */
export class RefreshEndedError extends Error {
  override name = 'RefreshEnded';
}

/** Turns our error classes into non-retryable Temporal failures; anything else stays retryable. */
export function toFailure(err: unknown): unknown {
  if (err instanceof BadInputError || err instanceof DataTestError || err instanceof RefreshEndedError || err instanceof WarehouseBusyError || err instanceof PathEscapeError) {
    return ApplicationFailure.create({ type: err.name, message: err.message, nonRetryable: true });
  }
  return err;
}
