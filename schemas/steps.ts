/** The five steps of a refresh, in the order the workflow runs them. Kept free of imports: workflow code uses it. */
export const STEPS = ['extract', 'validate', 'transform', 'model', 'publish'] as const;
export type StepName = (typeof STEPS)[number];
