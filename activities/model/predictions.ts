import { bgnbdChurn, holdoutCheck, holdoutNote, lifetimeValue } from '../../analytics/lifetime-value.js';
import type { CustomerHistory } from '../../analytics/churn-features.js';
import { riskBand } from '../../analytics/churn-model.js';
import { runPredictionSuite, type Method, type MethodMetrics } from '../../analytics/prediction-suite.js';
import { MAX_FIT_ROWS } from '../../analytics/random.js';
import { MODEL_SETTINGS } from '../../schemas/settings.js';
import { isoDay, type AtCutoffs, type ModelDates } from '../../analytics/model-dates.js';
import type { Cell } from '../../analytics/cell.js';
import { f3 } from '../../analytics/format.js';

/** The model settings of the refresh (window, forest, permutation repeats) live in schemas/settings.ts. */
export const WINDOW_DAYS = MODEL_SETTINGS.windowDays;
export const FOREST = MODEL_SETTINGS.forest;
export const PERMUTATION_REPEATS = MODEL_SETTINGS.permutationRepeats;

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
  const lifetime = lifetimeValue(histories, dates, rows.lifetime);
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
