import { z } from 'zod';

import { MODEL_SETTINGS } from '../../schemas/settings.js';

/**
 * Settings of the action tables. The rule thresholds were chosen on a validation window that ends
 * where the reported check begins (scripts/dev/choose-rule-thresholds.ts: rules from the invoices
 * before 2011-06-12, hits in the 90 days after, the last 90 days of the data removed), so the hit
 * rate in recommendation_metrics did not choose them: of support 0.5/1/2% x confidence 10/20/40%,
 * 1% and 20% had the best validation hit rate@5 (51.3%; 0.5% gave 48.9-49.2%, 2% 39.4-41.1%, most
 * popular 39.8%). Over invoices of at most 50 products they give about 250 rules that cover 9 in 10 customers.
 */
export const ActionOptionsSchema = z.object({
  /** Days before the day after the last invoice where the out-of-time recommendation check cuts. */
  evaluationDays: z.number().int().min(7).max(365).default(MODEL_SETTINGS.windowDays),
  /** Minimum share of invoices holding both products of a rule. */
  minSupport: z.number().gt(0).max(1).default(0.01),
  /** Minimum confidence of a rule. */
  minConfidence: z.number().gt(0).max(1).default(0.2),
  /** Invoices with more distinct products than this are left out of the rules (they pair everything with everything). */
  maxBasketProducts: z.number().int().min(2).default(50),
  /** A product bought in this many invoices counts as bought regularly and is not recommended. */
  regularInvoices: z.number().int().min(1).default(2),
  /** Popular products considered when filling a list. */
  popularPool: z.number().int().min(5).max(1000).default(30),
  /** Recommendations shown in the campaign list. */
  suggestions: z.number().int().min(1).max(5).default(3),
  /** Products with their own forecast (by net units). */
  topProducts: z.number().int().min(0).max(1000).default(50),
  /** Weeks forecast. */
  horizonWeeks: z.number().int().min(1).max(52).default(12),
  /** Weeks held out by the forecast backtest. */
  backtestWeeks: z.number().int().min(1).max(26).default(8),
  /** Window of the fallback churn rate (no purchase in this many days = churned), as the churn model's. */
  churnWindowDays: z.number().int().min(7).max(365).default(MODEL_SETTINGS.windowDays),
});
export type ActionOptions = z.input<typeof ActionOptionsSchema>;
export type ResolvedActionOptions = z.infer<typeof ActionOptionsSchema>;

/** Recommendations per customer; the published columns say "at 5". */
export const TOP_K = 5;
