import { z } from 'zod';

import { formatIssues } from './config.js';
import { ConfigError } from './errors.js';

/**
 * The model step's settings, in one place: the label window every model, cutoff and action table
 * shares, the forest, the k range and when clustering is skipped. Checked once when first read.
 */
export const ModelSettingsSchema = z.object({
  /** Days of the label window (no purchase in it = churned; value = spend in it), and between the cutoffs. */
  windowDays: z.number().int().min(7).max(365),
  /**
   * The library's depth and leaf size, 60 trees instead of 100 (on the full data the holdout ROC AUC
   * moved by less than 0.001 and the four fits take half the time).
   */
  forest: z.object({ trees: z.number().int().min(1), maxDepth: z.number().int().min(1), minSamplesLeaf: z.number().int().min(1) }),
  /** Permutation importance is off: it costs ~0.5 s per target on the full data for little extra insight. */
  permutationRepeats: z.number().int().min(0),
  /** Below this many customers at a cutoff a prediction target is skipped (its tables written empty). */
  minCustomersToPredict: z.number().int().min(2),
  /** Below this many customers clustering is skipped (the tables are still written, empty). */
  minCustomersToCluster: z.number().int().min(3),
  /**
   * K-Means: the k range, and one k-means++ restart per k (on the full data a second restart changed
   * silhouettes by at most 0.003 and never the chosen k, at ~0.2 s extra).
   */
  kmeans: z
    .object({
      kMin: z.number().int().min(2),
      kMax: z.number().int().min(2),
      seed: z.number().int(),
      silhouetteSample: z.number().int().min(2),
      restarts: z.number().int().min(1),
    })
    .refine((k) => k.kMin <= k.kMax, 'kMin must not exceed kMax'),
});
export type ModelSettings = z.infer<typeof ModelSettingsSchema>;

export const MODEL_SETTINGS: Readonly<ModelSettings> = Object.freeze(
  ModelSettingsSchema.parse({
    windowDays: 90,
    forest: { trees: 60, maxDepth: 5, minSamplesLeaf: 20 },
    permutationRepeats: 0,
    minCustomersToPredict: 30,
    minCustomersToCluster: 20,
    kmeans: { kMin: 2, kMax: 10, seed: 42, silhouetteSample: 2000, restarts: 1 },
  }),
);

const whole = (name: string) => z.string().regex(/^\d+$/, `${name} expects a whole number`).transform(Number);

/**
 * Environment variables that tune how a step runs, not what it computes (README, "Configuration").
 * Read when used, so a test or a caller can set them at run time.
 */
export const RunEnvSchema = z.object({
  /** DuckDB's memory limit per step, for example 3GB (by default derived from the database's size). */
  WAREHOUSE_MEMORY_LIMIT: z
    .string()
    .regex(/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'expected a size such as 1536MB or 3GB')
    .optional(),
  /** DuckDB threads per step; 0 or unset: one per core. */
  WAREHOUSE_THREADS: whole('WAREHOUSE_THREADS').default(0),
  /** Any value prints every SQL statement's time to stderr. */
  WAREHOUSE_PROFILE: z.string().optional().transform(Boolean),
  /** 0 runs the model tasks in the step's own thread (for CPU profiles). */
  MODEL_THREADS: z.enum(['0', '1']).optional().transform((v) => v !== '0'),
});
export type RunSettings = z.infer<typeof RunEnvSchema>;

/** Reads the run settings from the environment; throws a ConfigError listing every problem. */
export function runSettings(source: NodeJS.ProcessEnv = process.env): RunSettings {
  const { WAREHOUSE_MEMORY_LIMIT, WAREHOUSE_THREADS, WAREHOUSE_PROFILE, MODEL_THREADS } = source;
  const defined = Object.fromEntries(
    Object.entries({ WAREHOUSE_MEMORY_LIMIT, WAREHOUSE_THREADS, WAREHOUSE_PROFILE, MODEL_THREADS }).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = RunEnvSchema.safeParse(defined);
  if (!parsed.success) throw new ConfigError(`invalid run settings: ${formatIssues(parsed.error)} (fix the environment variables named and run the command again)`);
  return parsed.data;
}
