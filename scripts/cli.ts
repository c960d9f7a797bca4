import { parseArgs, type ParseArgsConfig } from 'node:util';

import { WorkflowFailedError } from '@temporalio/client';

import { ZodError } from 'zod';

import { ConfigError } from '../schemas/errors.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses command-line flags strictly: an unknown flag or a missing value is a one-line usage error.
 * `--help` prints the usage and exits 0.
 */
export function parseCli<O extends Options>(usage: string, options: O, argv = process.argv.slice(2)) {
  try {
    const parsed = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: false, strict: true });
    if ((parsed.values as Record<string, unknown>).help) {
      process.stdout.write(`${usage.trim()}\n`);
      process.exit(0);
    }
    return parsed.values as ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>>['values'];
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]} (see --help)`);
  }
}

/**
 * The message a person needs: for a failed workflow, the failure that caused it (which names the
 * step and the cause) rather than the client's generic "Workflow execution failed".
 */
export function describeError(err: unknown): string {
  if (err instanceof WorkflowFailedError && err.cause) return `refresh failed: ${err.cause.message}`;
  if (err instanceof ZodError) return err.issues.map((issue) => `${flagName(issue.path)}: ${issue.message}`).join('; ');
  return err instanceof Error ? err.message : String(err);
}

/** Flags whose setting has another name inside the workflow input. */
const FLAG_OF_FIELD: Record<string, string> = { inputPaths: 'input', outputDir: 'output' };

/** The flag a schema path names: a value's field becomes its --kebab-case flag. */
function flagName(path: readonly PropertyKey[]): string {
  const field = [...path].reverse().find((p): p is string => typeof p === 'string');
  if (!field) return 'input';
  return `--${FLAG_OF_FIELD[field] ?? field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * Runs a command's main function; any error becomes a short message and a non-zero exit code,
 * never a bare stack trace (set DEBUG=1 to see one).
 */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      const message = describeError(err);
      process.stderr.write(`error: ${message}\n`);
      if (process.env.DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
      process.exit(err instanceof UsageError || err instanceof ConfigError ? 2 : 1);
    },
  );
}
