import { DAY_MS, type CustomerHistory } from './churn-features.js';
import { MODEL_SETTINGS } from '../schemas/settings.js';

export interface ModelDates {
  /** The day after the last invoice: "now" for RFM, current scores and lifetime value. */
  asOf: Date;
  /** Holdout cutoff: the last invoice day minus the label window, so the window fits in the data. */
  testCutoff: Date;
  /** Training cutoff: one window before the test cutoff, so training labels end where the holdout starts. */
  trainCutoff: Date;
  /** Validation cutoff: one window before the training cutoff; the published method is chosen on it. */
  validationCutoff: Date;
}

/** Histories as they stood at the validation, training and test cutoffs (see PackedAtCutoffs). */
export interface AtCutoffs {
  validation: readonly CustomerHistory[];
  train: readonly CustomerHistory[];
  test: readonly CustomerHistory[];
}

/**
 * Cutoffs derived from the end of the data (all at midnight): on the Online Retail data (last
 * invoice 2011-12-09) with a 90-day window, test = 2011-09-10 and train = 2011-06-12.
 */
export function modelDates(lastInvoiceAt: number, windowDays = MODEL_SETTINGS.windowDays): ModelDates {
  const lastDay = Math.floor(lastInvoiceAt / DAY_MS);
  return {
    asOf: new Date((lastDay + 1) * DAY_MS),
    testCutoff: new Date((lastDay - windowDays) * DAY_MS),
    trainCutoff: new Date((lastDay - 2 * windowDays) * DAY_MS),
    validationCutoff: new Date((lastDay - 3 * windowDays) * DAY_MS),
  };
}

/** YYYY-MM-DD of a midnight date. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** YYYY-MM-DD HH:MM:SS of an epoch-ms time (the naive timestamps of the warehouse). */
export const isoTimestamp = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
