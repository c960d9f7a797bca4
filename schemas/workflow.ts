import { z } from 'zod';

import { REFRESH_DEFAULTS, STEPS, type StepName } from './steps.js';

export { REFRESH_DEFAULTS, STEPS, type StepName };

/** Names a warehouse; it becomes part of workflow ids and folder names, so it is kept filesystem- and URL-safe. */
export const WarehouseName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, "-" and "_", starting with a letter or digit');

/** Names a refresh; it becomes a folder name, so it cannot contain separators or start with a dot. */
export const RefreshId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/, 'letters, digits, "_", "." and "-", starting with a letter or digit');

export const RefreshOptionsSchema = z.object({
  /** A run fails instead of publishing when more than this share of rows is quarantined. */
  maxQuarantineShare: z.number().min(0).max(1).default(REFRESH_DEFAULTS.maxQuarantineShare),
  /** How many published runs to keep beside the current one. */
  keepRuns: z.number().int().min(1).max(1000).default(REFRESH_DEFAULTS.keepRuns),
  /**
   * `full` reads every input file afresh; `incremental` starts from the lines of the last published
   * warehouse and reads only input files whose content it does not hold yet (see activities/extract/README.md).
   */
  mode: z.enum(['full', 'incremental']).default(REFRESH_DEFAULTS.mode),
});
export type RefreshOptions = z.infer<typeof RefreshOptionsSchema>;

/** Input of the `refreshWarehouse` workflow. Paths are absolute: the worker may run elsewhere. */
export const RefreshInputSchema = z.object({
  warehouse: WarehouseName,
  inputPaths: z.array(z.string().min(1)).min(1),
  outputDir: z.string().min(1),
  /** Optional explicit id; by default the workflow's first run id, which survives a reset. */
  refreshId: RefreshId.optional(),
  options: RefreshOptionsSchema.default(REFRESH_DEFAULTS),
});
export type RefreshInput = z.input<typeof RefreshInputSchema>;


export const TableCountSchema = z.object({ name: z.string(), rows: z.number().int().nonnegative() });
export type TableCount = z.infer<typeof TableCountSchema>;

/** What every activity returns: small, printable figures for the run summary. */
export const StepResultSchema = z.object({
  step: z.enum(STEPS),
  durationMs: z.number().nonnegative(),
  /** CPU time of the worker process during the step (user + system); includes other activities running at once. */
  cpuMs: z.number().nonnegative().optional(),
  /**
   * Largest resident set of the worker process during the step, in MB (sampled; it includes what
   * earlier steps left resident, since a process rarely gives memory back).
   */
  peakRssMb: z.number().nonnegative().optional(),
  rowsIn: z.number().int().nonnegative(),
  rowsOut: z.number().int().nonnegative(),
  tables: z.array(TableCountSchema),
  /** Short human-readable lines for the summary (counts, choices made, warnings). */
  notes: z.array(z.string()).default([]),
  /** The business figures a person reads first in the run summary (publish only). */
  headline: z.array(z.string()).optional(),
  /** Each model's result against its baseline, one plain sentence each (model only). */
  verdicts: z.array(z.string()).optional(),
  /** Named paths the step produced (for example the published folder), for the summary and later steps. */
  outputs: z.record(z.string(), z.string()).default({}),
});
export type StepResult = z.infer<typeof StepResultSchema>;

/** What every activity receives: ids and paths, never rows. */
export const StepInputSchema = z.object({
  refreshId: RefreshId,
  warehouse: WarehouseName,
  inputPaths: z.array(z.string().min(1)).min(1),
  outputDir: z.string().min(1),
  options: RefreshOptionsSchema,
  /** Results of the steps already done in this refresh (small figures), for the run history. */
  completedSteps: z.array(StepResultSchema).default([]),
});
export type StepInput = z.infer<typeof StepInputSchema>;

export interface RefreshResult {
  refreshId: string;
  warehouse: string;
  steps: StepResult[];
  publishedDir: string;
  databaseFile: string;
}

/** What the workflow records about a refresh that ended, for `run_history`. */
export const RunRecordSchema = z.object({
  refreshId: RefreshId,
  warehouse: WarehouseName,
  outputDir: z.string().min(1),
  workflowId: z.string(),
  /** The Temporal run: a reset keeps the refresh id but starts a new run. Default: the first run, whose id is the refresh id. */
  runId: z.string().optional(),
  status: z.enum(['completed', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string(),
  failedStep: z.enum(STEPS).optional(),
  message: z.string().optional(),
  steps: z.array(StepResultSchema),
});
export type RunRecord = z.infer<typeof RunRecordSchema>;

/** What the `status` query of a running refresh returns. */
export interface RefreshStatus {
  refreshId: string;
  current?: StepName;
  completed: StepResult[];
  failed?: { step: StepName; message: string };
}
