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
} from '../../analytics/bgnbd.js';
import type { CustomerHistory } from '../../analytics/churn-features.js';
import { riskBand } from '../../analytics/churn-model.js';
import { methodMetrics, runPredictionSuite, trainingThreshold, type Method, type MethodMetrics, type TargetResult } from '../../analytics/prediction-suite.js';
import { rocAuc } from '../../analytics/metrics.js';
import { MAX_FIT_ROWS } from '../../analytics/random.js';
import { MODEL_SETTINGS } from '../../schemas/settings.js';
import { isoDay, type ModelDates } from './dates.js';
import type { AtCutoffs } from '../threads/serve-task.js';
import type { Cell } from '../../analytics/cell.js';

/** The model settings of the refresh (window, forest, permutation repeats) live in schemas/settings.ts. */
export const WINDOW_DAYS = MODEL_SETTINGS.windowDays;
export const FOREST = MODEL_SETTINGS.forest;
export const PERMUTATION_REPEATS = MODEL_SETTINGS.permutationRepeats;
/** Holdout check groups: 0..6 repeat purchases, then 7 or more. */
const LAST_GROUP = 7;

export interface PredictionRows {
  metrics: Cell[][];
  holdout: Cell[][];
  importance: Cell[][];
  churn: Cell[][];
  highValue: Cell[][];
  lifetime: Cell[][];
  lifetimeHoldout: Cell[][];
  notes: string[];
  /** Figures for tests and the run summary. */
  figures: { churnRate?: number; rocAuc: Partial<Record<string, number>>; leakage: string[]; published: Partial<Record<'churn' | 'high_value', string>> };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

/**
 * BG/NBD as a churn scorer: fitted before each cutoff (warm-started from a nearby fit), thresholds
 * chosen on the training cutoff's labels, scored on the holdout customers.
 */
function bgnbdChurn(histories: readonly CustomerHistory[], atCutoffs: AtCutoffs, dates: ModelDates, churn: TargetResult, start: BgNbdParams | undefined) {
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

function holdoutCheck(histories: readonly CustomerHistory[], dates: ModelDates, test: readonly LifetimeSummary[], params: BgNbdParams): Cell[][] {
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

/**
 * Churn and high-value models (out-of-time evaluation, holdout predictions, importances, current
 * scores) and the BG/NBD + Gamma-Gamma lifetime value with its holdout check, as table rows.
 * Targets without enough customers or with one class only are skipped with a note.
 */
export function predictCustomers(histories: readonly CustomerHistory[], dates: ModelDates, atCutoffs: AtCutoffs = { validation: histories, train: histories, test: histories }): PredictionRows {
  const notes = [`cutoffs: train ${isoDay(dates.trainCutoff)}, test ${isoDay(dates.testCutoff)}, as of ${isoDay(dates.asOf)}; label window ${WINDOW_DAYS} days`];
  if (histories.length > MAX_FIT_ROWS) {
    notes.push(
      `${histories.length.toLocaleString('en-GB')} customers: the forests, the logistic regressions and the BG/NBD and Gamma-Gamma fits each use a fixed-seed sample of ${MAX_FIT_ROWS.toLocaleString('en-GB')} where they have more rows; every customer is scored`,
    );
  }
  const { results } = runPredictionSuite({
    histories,
    atCutoffs,
    trainCutoff: dates.trainCutoff,
    testCutoff: dates.testCutoff,
    asOf: dates.asOf,
    options: { windowDays: WINDOW_DAYS, seed: 42, forest: FOREST, permutationRepeats: PERMUTATION_REPEATS, minCustomers: MODEL_SETTINGS.minCustomersToPredict },
  });
  const rows: PredictionRows = { metrics: [], holdout: [], importance: [], churn: [], highValue: [], lifetime: [], lifetimeHoldout: [], notes, figures: { rocAuc: {}, leakage: results.flatMap((r) => r.leakage), published: {} } };
  const lifetime = lifetimeValue(histories, dates, rows);
  for (const r of results) {
    if (r.skipped) {
      notes.push(`${r.target} model skipped: ${r.skipped}`);
      continue;
    }
    const extra: { metrics: MethodMetrics; scores: number[]; threshold: number }[] = [];
    if (r.target === 'churn') {
      rows.figures.churnRate = r.test.positiveShare;
      const bg = bgnbdChurn(histories, atCutoffs, dates, r, lifetime.params);
      extra.push(...bg.methods);
      notes.push(...bg.dropped);
      rows.lifetimeHoldout = holdoutCheck(histories, dates, bg.test, bg.testFit.params);
    }
    const metrics = [...r.metrics, ...extra.map((e) => e.metrics)];
    for (const m of metrics) {
      rows.metrics.push([
        r.target, m.method, isoDay(dates.trainCutoff), isoDay(dates.testCutoff), WINDOW_DAYS,
        r.train.customers, r.train.positiveShare, r.test.customers, r.test.positiveShare,
        m.rocAuc, m.prAuc, m.logLoss, m.threshold, m.precision, m.recall, m.f1, m.flagged,
      ]);
      rows.figures.rocAuc[`${r.target}.${m.method}`] = m.rocAuc;
    }
    const scores: [Method, number[], number][] = [
      ...Object.entries(r.holdout.scores).map(([method, s]) => [method as Method, s as number[], r.holdout.thresholds[method as Method] as number] as [Method, number[], number]),
      ...extra.map((e) => [e.metrics.method, e.scores, e.threshold] as [Method, number[], number]),
    ];
    for (const [method, s, threshold] of scores) {
      r.holdout.customerIds.forEach((id, i) => rows.holdout.push([r.target, method, id, s[i] as number, r.holdout.actual[i] as number, (s[i] as number) >= threshold]));
    }
    const ranked = r.importances.slice().sort((a, b) => b.impurity - a.impurity || (a.feature < b.feature ? -1 : 1));
    ranked.forEach((imp, i) => rows.importance.push([r.target, imp.feature, imp.impurity, imp.permutation, i + 1]));
    const current = r.current;
    if (current) {
      current.customerIds.forEach((id, i) => {
        const p = current.probabilities[i] as number;
        const common = [id, isoDay(dates.asOf), isoDay(dates.testCutoff), p, current.threshold, p >= current.threshold];
        if (r.target === 'churn') rows.churn.push([...common, riskBand(p)]);
        else rows.highValue.push(common);
      });
    }
    const line = metrics.map((m) => `${m.method} ${f3(m.rocAuc)}`).join(', ');
    notes.push(
      `${r.target}: ${r.test.customers} holdout customers, ${pct(r.test.positiveShare)} positive (train ${r.train.customers}, ${pct(r.train.positiveShare)}); ROC AUC ${line}`,
      `${r.target} holdout Brier score (mean squared error of the probability; lower is better, always guessing the holdout's positive share gives ` +
        `${f3(r.test.positiveShare * (1 - r.test.positiveShare))}): ${(['random_forest', 'logistic_regression'] as const).map((m) => `${m} ${f3(brierScore(r.holdout.scores[m] ?? [], r.holdout.actual))}`).join(', ')}`,
      `${r.target} scores published from ${r.published.method}: ${r.published.reason}`,
    );
    rows.figures.published[r.target] = r.published.method;
  }
  notes.push(...lifetime.notes);
  if (rows.lifetimeHoldout.length) notes.push(holdoutNote(rows.lifetimeHoldout));
  return rows;
}

/** Mean squared difference between a probability and the 0/1 outcome. */
function brierScore(probabilities: readonly number[], labels: readonly number[]): number {
  return probabilities.length ? probabilities.reduce((s, p, i) => s + (p - (labels[i] as number)) ** 2, 0) / probabilities.length : Number.NaN;
}

function holdoutNote(groups: readonly Cell[][]): string {
  const predicted = groups.reduce((s, r) => s + (r[6] as number), 0);
  const actual = groups.reduce((s, r) => s + (r[5] as number), 0);
  const perGroup = groups.map((r) => `${r[1]}: ${Math.round(r[6] as number)} vs ${r[5]}`).join(', ');
  return (
    `BG/NBD holdout check (time unit: days; a purchase is a distinct purchase day): ${Math.round(predicted)} purchase days predicted vs ${actual} actual ` +
    `in the ${WINDOW_DAYS} days after the test cutoff (${f3(actual ? predicted / actual - 1 : Number.NaN)} relative); per repeat-purchase group, predicted vs actual: ${perGroup}`
  );
}

/** BG/NBD + Gamma-Gamma fitted on all purchases, scored as of the day after the last invoice. */
function lifetimeValue(histories: readonly CustomerHistory[], dates: ModelDates, rows: PredictionRows): { notes: string[]; params?: BgNbdParams } {
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
    rows.lifetime.push([c.customerId, c.frequency, c.recency, c.age, c.meanRepeatSpend, probabilityAlive(bg.params, c), purchases, value, purchases * value]);
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
