import type { RefreshOptions } from '../schemas/workflow.js';

/** The flags every command that starts a refresh takes, defined once. */
export const REFRESH_FLAGS = {
  input: { type: 'string', multiple: true },
  output: { type: 'string', default: 'output' },
  warehouse: { type: 'string', default: 'online-retail' },
  incremental: { type: 'boolean', default: false },
} as const;

/** The refresh options those flags select. */
export function refreshOptions(args: { incremental?: boolean }): Partial<RefreshOptions> {
  return { mode: args.incremental ? 'incremental' : 'full' };
}
