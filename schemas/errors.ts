/**
 * The project's error classes and the one list of failures that retrying cannot fix. Import-free on
 * purpose: the workflow (which runs in Temporal's sandbox), the activities, the warehouse and the
 * settings all import it, so it must sit below them all.
 */

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

/** Another refresh holds the warehouse: this one must not touch its files. */
export class WarehouseBusyError extends Error {
  override name = 'WarehouseBusy';
}

/**
 * A warehouse path leads outside the output folder (through a symbolic link): the operator has to
 * fix the folder, so it is reported as bad input.
 */
export class PathEscapeError extends Error {
  override name = 'BadInput';
}

/** A setting (environment variable or option) is invalid. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Error types that retrying cannot fix: the operator must change the input, the settings or the code
 * first. The workflow passes it to Temporal's retry policy and the activities mark these failures
 * non-retryable, so both sides read the same list.
 */
export const NON_RETRYABLE_ERRORS: readonly string[] = ['BadInput', 'DataTestFailed', 'RefreshEnded', 'WarehouseBusy', 'ConfigError'];

/** True for an error of one of the classes above, whose failure must not be retried. */
export function isNonRetryable(err: unknown): err is Error {
  return err instanceof Error && NON_RETRYABLE_ERRORS.includes(err.name) &&
    (err instanceof BadInputError || err instanceof DataTestError || err instanceof RefreshEndedError ||
      err instanceof WarehouseBusyError || err instanceof PathEscapeError || err instanceof ConfigError);
}
