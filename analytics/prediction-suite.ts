/**
 * The churn and high-value models of a refresh in one pass: features are computed once per cutoff
 * and shared by both targets, each target is evaluated out of time (fit at the training cutoff,
 * measured at the test cutoff), and then refitted at the test cutoff (the latest whose label window
 * is complete) to score every customer as of the end of the data.
 */
import { DAY_MS, FEATURE_NAMES, featuresAsOf, type CustomerHistory, type FeatureName, type FeatureTable } from './churn-features.js';
import { CHURN, fitModels, highValue, indexHistories, permutationImportance, scoreTable, type Dataset, type LabelDefinition } from './churn-model.js';
import { bestF1Threshold, holdoutMetrics, rocAuc, type HoldoutMetrics } from './metrics.js';
import { MAX_FIT_ROWS, sampleIndices } from './random.js';
import type { ForestOptions } from './random-forest.js';
import { MODEL_SETTINGS } from '../schemas/settings.js';

export const TARGETS = ['churn', 'high_value'] as const;
export type Target = (typeof TARGETS)[number];

/** Scoring methods as named in the published tables. */
export const METHODS = ['random_forest', 'logistic_regression', 'recency_baseline', 'monetary_baseline', 'bgnbd_p_alive', 'bgnbd_no_purchase'] as const;
export type Method = (typeof METHODS)[number];

export interface SuiteOptions {
  windowDays?: number;
  seed?: number;
  forest?: ForestOptions;
  /** Shuffles per feature for permutation importance on the holdout; 0 = impurity importance only. */
  permutationRepeats?: number;
  /** Share of customers labelled high value; default 0.2. */
  highValueShare?: number;
  /** Below this many training customers (or with one class only) a target is skipped; default 30. */
  minCustomers?: number;
}

/**
 * Above this holdout ROC AUC a churn or high-value score is not believed but taken for a leak: on
 * this kind of data honest out-of-time figures are 0.7-0.9, and a label window seen by a feature
 * gives ~1.
 */
export const MAX_PLAUSIBLE_AUC = 0.95;
/** A single feature whose training ROC AUC (either direction) is at least this reproduces the label. */
export const SINGLE_FEATURE_LEAK_AUC = 0.99;

/**
 * Leakage findings of one target: methods above MAX_PLAUSIBLE_AUC on the holdout, and features that
 * alone reproduce the training labels. The model step fails on any (a data-test failure).
 */
export function leakageFindings(target: Target, metrics: readonly MethodMetrics[], train: FeatureTable, labels: readonly number[], seed = 42): string[] {
  const findings = metrics
    .filter((m) => m.rocAuc > MAX_PLAUSIBLE_AUC)
    .map((m) => `${target}: ${m.method} has holdout ROC AUC ${m.rocAuc.toFixed(3)} > ${MAX_PLAUSIBLE_AUC}, which suggests a feature sees the label window`);
  // On a fixed-seed sample past MAX_FIT_ROWS rows: the check sorts each column once.
  const rows = labels.length > MAX_FIT_ROWS ? sampleIndices(labels.length, MAX_FIT_ROWS, seed) : labels.map((_, i) => i);
  const y = rows.map((i) => labels[i] as number);
  train.names.forEach((feature, f) => {
    const auc = rocAuc(rows.map((i) => (train.rows[i] as number[])[f] as number), y);
    const alone = Math.max(auc, 1 - auc);
    if (alone >= SINGLE_FEATURE_LEAK_AUC) findings.push(`${target}: the feature ${feature} alone reproduces the training labels (ROC AUC ${alone.toFixed(3)})`);
  });
  return findings;
}

/** The methods whose current scores may be published. */
export type PublishedMethod = 'random_forest' | 'logistic_regression';

export interface MethodMetrics extends HoldoutMetrics {
  method: Method;
}

export interface SplitSummary {
  customers: number;
  positives: number;
  positiveShare: number;
}

export interface TargetResult {
  target: Target;
  /** Why the target was not modelled (too few customers, one class only); the rest is then empty. */
  skipped?: string;
  /** Leakage findings (see leakageFindings); the refresh fails when any target has one. */
  leakage: string[];
  train: SplitSummary;
  test: SplitSummary;
  metrics: MethodMetrics[];
  /** Holdout score of every method, by customer id; labels in `actual`. */
  holdout: { customerIds: string[]; actual: number[]; scores: Partial<Record<Method, number[]>>; thresholds: Partial<Record<Method, number>> };
  importances: { feature: FeatureName; impurity: number; permutation: number | null }[];
  /**
   * The published method and why: the forest or the logistic regression, whichever ranked better on
   * the validation window (fit one window before the training cutoff, measured at the training
   * cutoff, so the choice never sees the test window); the forest when there is no such window.
   */
  published: { method: PublishedMethod; reason: string; validation: { method: PublishedMethod; rocAuc: number }[] };
  /** Probabilities of the published method as of the end of the data (refitted at the test cutoff). */
  current: { customerIds: string[]; probabilities: number[]; threshold: number } | null;
}

/** Metrics of one method on the holdout; the threshold was fixed on training data. */
export function methodMetrics(method: Method, scores: readonly number[], labels: readonly number[], threshold: number, probabilities: boolean): MethodMetrics {
  return { method, ...holdoutMetrics(scores, labels, threshold, probabilities) };
}

/** The training threshold (best F1) for a score, to apply unchanged on the holdout. */
export function trainingThreshold(scores: readonly number[], labels: readonly number[]): number {
  return bestF1Threshold(scores, labels).threshold;
}

function summary(labels: readonly number[]): SplitSummary {
  const positives = labels.filter((l) => l === 1).length;
  return { customers: labels.length, positives, positiveShare: labels.length ? positives / labels.length : 0 };
}

function twoClasses(labels: readonly number[]): boolean {
  const positives = labels.filter((l) => l === 1).length;
  return positives > 0 && positives < labels.length;
}

function emptyResult(target: Target, skipped: string, train: number[], test: number[]): TargetResult {
  return { target, skipped, leakage: [], published: { method: 'random_forest', reason: skipped, validation: [] }, train: summary(train), test: summary(test), metrics: [], holdout: { customerIds: [], actual: [], scores: {}, thresholds: {} }, importances: [], current: null };
}

/** The feature tables of a run: validation, training and test cutoffs, and the end of the data. */
export interface SuiteTables {
  validation: FeatureTable;
  train: FeatureTable;
  test: FeatureTable;
  current: FeatureTable;
}

/**
 * Picks the method to publish on the validation window: both fitted at the validation cutoff (one
 * window before the training cutoff) and measured on the training cutoff's labels. Ties keep the forest.
 */
function choosePublished(
  definition: LabelDefinition,
  index: ReadonlyMap<string, CustomerHistory>,
  table: FeatureTable,
  train: Dataset,
  cutoff: Date,
  windowDays: number,
  minCustomers: number,
  modelOptions: { windowDays: number; seed: number; forest?: ForestOptions },
): TargetResult['published'] {
  const labels = definition.label(index, table.customerIds, cutoff, windowDays);
  if (labels.length < minCustomers || !twoClasses(labels)) {
    return { method: 'random_forest', reason: `no validation window (${labels.length} customers before ${cutoff.toISOString().slice(0, 10)}, or one class only): the forest is published`, validation: [] };
  }
  const scores = scoreTable(fitModels({ table, labels, cutoff }, definition, modelOptions), train.table);
  const validation = [
    { method: 'random_forest' as const, rocAuc: rocAuc(scores.randomForest, train.labels) },
    { method: 'logistic_regression' as const, rocAuc: rocAuc(scores.logisticRegression, train.labels) },
  ];
  const [forest, logistic] = validation as [(typeof validation)[0], (typeof validation)[1]];
  const method = logistic.rocAuc > forest.rocAuc ? 'logistic_regression' : 'random_forest';
  return {
    method,
    reason: `${method} ranked better on the validation window (fit ${cutoff.toISOString().slice(0, 10)}, measured ${train.cutoff.toISOString().slice(0, 10)}): ROC AUC forest ${forest.rocAuc.toFixed(3)}, logistic regression ${logistic.rocAuc.toFixed(3)}`,
    validation,
  };
}

/**
 * Evaluates and refits one target given the shared feature tables. Deterministic for a given seed.
 */
function runTarget(
  target: Target,
  definition: LabelDefinition,
  histories: readonly CustomerHistory[],
  tables: SuiteTables,
  cutoffs: { validation: Date; train: Date; test: Date },
  options: Required<Omit<SuiteOptions, 'forest' | 'highValueShare'>> & { forest?: ForestOptions },
): TargetResult {
  const index = indexHistories(histories);
  const trainLabels = definition.label(index, tables.train.customerIds, cutoffs.train, options.windowDays);
  const testLabels = definition.label(index, tables.test.customerIds, cutoffs.test, options.windowDays);
  if (trainLabels.length < options.minCustomers) return emptyResult(target, `${trainLabels.length} customers at the training cutoff (fewer than ${options.minCustomers})`, trainLabels, testLabels);
  if (testLabels.length < options.minCustomers) return emptyResult(target, `${testLabels.length} customers at the test cutoff (fewer than ${options.minCustomers})`, trainLabels, testLabels);
  if (!twoClasses(trainLabels) || !twoClasses(testLabels)) return emptyResult(target, 'only one class in the training or test labels', trainLabels, testLabels);

  const modelOptions = { windowDays: options.windowDays, seed: options.seed, ...(options.forest ? { forest: options.forest } : {}) };
  const train: Dataset = { table: tables.train, labels: trainLabels, cutoff: cutoffs.train };
  const models = fitModels(train, definition, modelOptions);
  const scores = scoreTable(models, tables.test);
  const baseline: Method = target === 'churn' ? 'recency_baseline' : 'monetary_baseline';
  const metrics = [
    methodMetrics('random_forest', scores.randomForest, testLabels, models.thresholds.randomForest, true),
    methodMetrics('logistic_regression', scores.logisticRegression, testLabels, models.thresholds.logisticRegression, true),
    methodMetrics(baseline, scores.baseline, testLabels, models.thresholds.baseline, false),
  ];
  const permutation =
    options.permutationRepeats > 0 ? permutationImportance(models.forest, tables.test.rows, testLabels, options.permutationRepeats, options.seed + 1) : null;
  const importances = FEATURE_NAMES.map((feature, f) => ({
    feature,
    impurity: models.forest.impurityImportance[f] as number,
    permutation: permutation ? (permutation[f] as number) : null,
  }));

  const published = choosePublished(definition, index, tables.validation, train, cutoffs.validation, options.windowDays, options.minCustomers, modelOptions);
  // Refit where the label window is the most recent complete one, then score everyone at the end.
  const latest: Dataset = { table: tables.test, labels: testLabels, cutoff: cutoffs.test };
  const refit = fitModels(latest, definition, modelOptions);
  const current = scoreTable(refit, tables.current);
  return {
    target,
    leakage: leakageFindings(target, metrics, tables.train, trainLabels, options.seed),
    train: summary(trainLabels),
    test: summary(testLabels),
    metrics,
    holdout: {
      customerIds: tables.test.customerIds,
      actual: testLabels,
      scores: { random_forest: scores.randomForest, logistic_regression: scores.logisticRegression, [baseline]: scores.baseline },
      thresholds: { random_forest: models.thresholds.randomForest, logistic_regression: models.thresholds.logisticRegression, [baseline]: models.thresholds.baseline },
    },
    importances,
    published,
    current:
      published.method === 'logistic_regression'
        ? { customerIds: tables.current.customerIds, probabilities: current.logisticRegression, threshold: refit.thresholds.logisticRegression }
        : { customerIds: tables.current.customerIds, probabilities: current.randomForest, threshold: refit.thresholds.randomForest },
  };
}

/**
 * Runs both targets. `asOf` is the moment the current scores refer to (the day after the last
 * invoice); features at `asOf` are computed once and scored by each target's refitted forest.
 */
export function runPredictionSuite(input: {
  /** As of the end of the data: the labels and the current features. */
  histories: readonly CustomerHistory[];
  /**
   * As they stood at each cutoff (purchases net only of the cancellations dated before it), for the
   * features at that cutoff; omitted, `histories` serve (right when no cancellation is in them).
   */
  atCutoffs?: { validation: readonly CustomerHistory[]; train: readonly CustomerHistory[]; test: readonly CustomerHistory[] };
  trainCutoff: Date;
  testCutoff: Date;
  asOf: Date;
  options?: SuiteOptions;
}): { results: TargetResult[]; tables: SuiteTables } {
  const o = input.options ?? {};
  const options = {
    windowDays: o.windowDays ?? MODEL_SETTINGS.windowDays,
    seed: o.seed ?? 42,
    permutationRepeats: o.permutationRepeats ?? 0,
    minCustomers: o.minCustomers ?? MODEL_SETTINGS.minCustomersToPredict,
    ...(o.forest ? { forest: o.forest } : {}),
  };
  const validationCutoff = new Date(input.trainCutoff.getTime() - options.windowDays * DAY_MS);
  const tables: SuiteTables = {
    validation: featuresAsOf(input.atCutoffs?.validation ?? input.histories, validationCutoff),
    train: featuresAsOf(input.atCutoffs?.train ?? input.histories, input.trainCutoff),
    test: featuresAsOf(input.atCutoffs?.test ?? input.histories, input.testCutoff),
    current: featuresAsOf(input.histories, input.asOf),
  };
  if (input.testCutoff.getTime() < input.trainCutoff.getTime() + options.windowDays * DAY_MS) {
    // The training labels would reach into the test period: the holdout would no longer be out of time.
    throw new RangeError(`the test cutoff must be at least ${options.windowDays} days (one label window) after the training cutoff`);
  }
  const cutoffs = { validation: validationCutoff, train: input.trainCutoff, test: input.testCutoff };
  const definitions: Record<Target, LabelDefinition> = { churn: CHURN, high_value: highValue(o.highValueShare ?? 0.2) };
  const results = TARGETS.map((target) => runTarget(target, definitions[target], input.histories, tables, cutoffs, options));
  return { results, tables };
}
