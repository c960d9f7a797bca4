/**
 * The BG/NBD and Gamma-Gamma side of the model step, as pure functions of the customer histories:
 * BG/NBD as a churn scorer beside the forests, its holdout check, and the lifetime value.
 */
import {
  expectedPurchases,
  expectedPurchaseValue,
  fitBgNbd,
  fitGammaGamma,
  lifetimeSummaries,
  probabilityAlive,
  probabilityNoPurchase,
  purchasesInWindow,
  type BgNbdParams,
  type LifetimeSummary,
} from './bgnbd.js';
import type { Cell } from './cell.js';
import type { CustomerHistory } from './churn-features.js';
import { rocAuc } from './metrics.js';
import type { AtCutoffs, ModelDates } from './model-dates.js';
import { methodMetrics, trainingThreshold, type Method, type TargetResult } from './prediction-suite.js';
import { MODEL_SETTINGS } from '../schemas/settings.js';
import { f3 } from './format.js';

/** The label window of the refresh (schemas/settings.ts). */
const WINDOW_DAYS = MODEL_SETTINGS.windowDays;
/** Holdout check groups: 0..6 repeat purchases, then 7 or more. */
const LAST_GROUP = 7;


/**
 * BG/NBD as a churn scorer: fitted before each cutoff (warm-started from a nearby fit), thresholds
 * chosen on the training cutoff's labels, scored on the holdout customers.
 */
export function bgnbdChurn(histories: readonly CustomerHistory[], atCutoffs: AtCutoffs, dates: Pick<ModelDates, 'trainCutoff' | 'testCutoff'>, churn: TargetResult, start: BgNbdParams | undefined) {
  const test = lifetimeSummaries(atCutoffs.test, dates.testCutoff);
  const testFit = fitBgNbd(test, start);
  const train = lifetimeSummaries(atCutoffs.train, dates.trainCutoff);
  const trainFit = fitBgNbd(train, testFit.params);
  const future = purchasesInWindow(histories, dates.trainCutoff, WINDOW_DAYS);
  const trainLabels = train.map((c) => ((future.get(c.customerId) ?? 0) === 0 ? 1 : 0));
  const byId = new Map(test.map((c) => [c.customerId, c]));
  const holdout = churn.holdout.customerIds.map((id) => byId.get(id) as LifetimeSummary);
  const scorers: [Method, (p: BgNbdParams, c: LifetimeSummary) => number][] = [
    ['bgnbd_p_alive', (p, c) => 1 - probabilityAlive(p, c)],
    ['bgnbd_no_purchase', (p, c) => probabilityNoPurchase(p, c, WINDOW_DAYS)],
  ];
  // A BG/NBD score that ranks the training cutoff's churners worse than days since the last purchase
  // day is dropped from the comparison (decided before the test cutoff, never on the holdout).
  const recencyAuc = rocAuc(train.map((c) => c.age - c.recency), trainLabels);
  const dropped: string[] = [];
  const methods = scorers.flatMap(([method, score]) => {
    const trainScores = train.map((c) => score(trainFit.params, c));
    const trainAuc = rocAuc(trainScores, trainLabels);
    if (!(trainAuc > recencyAuc)) {
      dropped.push(
        `${method} dropped from the churn comparison: at the training cutoff it ranks churners below recency alone (ROC AUC ${f3(trainAuc)} vs ${f3(recencyAuc)}; ` +
          `fit a=${f3(trainFit.params.a)}, b=${f3(trainFit.params.b)}: BG/NBD holds a customer without a repeat purchase alive by definition (P(alive) = 1), yet they churn most, and with a near 0 almost every repeat buyer is alive too)`,
      );
      return [];
    }
    const threshold = trainingThreshold(trainScores, trainLabels);
    const scores = holdout.map((c) => score(testFit.params, c));
    return [{ metrics: methodMetrics(method, scores, churn.holdout.actual, threshold, true), scores, threshold }];
  });
  return { methods, dropped, test, testFit };
}

/** Predicted against actual purchases in the window after the test cutoff, per repeat-purchase group. */
export function holdoutCheck(histories: readonly CustomerHistory[], dates: Pick<ModelDates, 'testCutoff'>, test: readonly LifetimeSummary[], params: BgNbdParams): Cell[][] {
  const actual = purchasesInWindow(histories, dates.testCutoff, WINDOW_DAYS);
  const groups = new Map<number, { customers: number; actual: number; predicted: number }>();
  for (const c of test) {
    const group = Math.min(c.frequency, LAST_GROUP);
    const g = groups.get(group) ?? { customers: 0, actual: 0, predicted: 0 };
    g.customers++;
    g.actual += actual.get(c.customerId) ?? 0;
    g.predicted += expectedPurchases(params, c, WINDOW_DAYS);
    groups.set(group, g);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([group, g]) => [group, group === LAST_GROUP ? `${LAST_GROUP}+` : String(group), g.customers, g.actual / g.customers, g.predicted / g.customers, g.actual, g.predicted]);
}

/** The holdout check of holdoutCheck in one line of the run notes. */
export function holdoutNote(groups: readonly Cell[][]): string {
  const predicted = groups.reduce((s, r) => s + (r[6] as number), 0);
  const actual = groups.reduce((s, r) => s + (r[5] as number), 0);
  const perGroup = groups.map((r) => `${r[1]}: ${Math.round(r[6] as number)} vs ${r[5]}`).join(', ');
  return (
    `BG/NBD holdout check (time unit: days; a purchase is a distinct purchase day): ${Math.round(predicted)} purchase days predicted vs ${actual} actual ` +
    `in the ${WINDOW_DAYS} days after the test cutoff (${f3(actual ? predicted / actual - 1 : Number.NaN)} relative); per repeat-purchase group, predicted vs actual: ${perGroup}`
  );
}

/** BG/NBD + Gamma-Gamma fitted on all purchases, scored as of the day after the last invoice. */
export function lifetimeValue(histories: readonly CustomerHistory[], dates: Pick<ModelDates, 'asOf'>, lifetime: Cell[][]): { notes: string[]; params?: BgNbdParams } {
  const now = lifetimeSummaries(histories, dates.asOf);
  if (now.filter((c) => c.frequency > 0 && c.meanRepeatSpend > 0).length < 10) {
    return { notes: ['lifetime value skipped: fewer than 10 customers with a repeat purchase'] };
  }
  const bg = fitBgNbd(now);
  const gg = fitGammaGamma(now);
  const repeaters = now.filter((c) => c.frequency > 0 && c.meanRepeatSpend > 0);
  const fallback = repeaters.reduce((s, c) => s + c.meanRepeatSpend, 0) / repeaters.length;
  for (const c of now) {
    const purchases = expectedPurchases(bg.params, c, WINDOW_DAYS);
    const value = expectedPurchaseValue(gg.params, c, fallback);
    lifetime.push([c.customerId, c.frequency, c.recency, c.age, c.meanRepeatSpend, probabilityAlive(bg.params, c), purchases, value, purchases * value]);
  }
  const p = bg.params;
  const g = gg.params;
  return {
    params: p,
    notes: [
      `BG/NBD: r=${f3(p.r)}, alpha=${f3(p.alpha)}, a=${f3(p.a)}, b=${f3(p.b)} (${bg.converged ? 'converged' : 'not converged'}); ` +
        `Gamma-Gamma: p=${f3(g.p)}, q=${f3(g.q)}, gamma=${f3(g.gamma)}`,
    ],
  };
}
