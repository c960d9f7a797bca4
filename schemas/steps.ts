/** The five steps of a refresh, in the order the workflow runs them. Kept free of imports: workflow code uses it. */
export const STEPS = ['extract', 'validate', 'transform', 'model', 'publish'] as const;
export type StepName = (typeof STEPS)[number];

/**
 * The refresh options a run gets when it names none: the one home of these values (schemas/workflow.ts
 * checks them with zod; the workflow, which keeps zod out of its bundle, fills missing options from here).
 */
export const REFRESH_DEFAULTS = {
  /** A run fails instead of publishing when more than this share of rows is quarantined. */
  maxQuarantineShare: 0.05,
  /** How many published runs to keep beside the current one. */
  keepRuns: 3,
  mode: 'full',
} as const;
