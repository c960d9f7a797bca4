/**
 * The churn and value models' parts: label definitions, the fitted scorers (random forest, logistic
 * regression, one-feature baseline) and permutation importance. The one evaluation path, out of time,
 * is analytics/prediction-suite.ts (runPredictionSuite), which the refresh runs.
 */
import {
  buildHistories,
  churnLabel,
  FEATURE_NAMES,
  highValueLabel,
  type CustomerHistory,
  type FeatureName,
  type FeatureTable,
  type LabelFunction,
  type Transaction,
} from './churn-features.js';
import { bestF1Threshold, rocAuc } from './metrics.js';
import { fitLogistic, predictLogistic, type LogisticModel } from './logistic-regression.js';
import { MAX_FIT_ROWS, mulberry32, sampleIndices, shuffled } from './random.js';
import { trainForest, type ForestOptions, type RandomForest } from './random-forest.js';
import { fitStandardScaler, signedLog1pRows, standardize, type ScalerParams } from './scaling.js';

/** What is predicted, and the one-feature baseline to beat. */
export interface LabelDefinition {
  /** e.g. "churn_90d". */
  name: string;
  description: string;
  label: LabelFunction;
  /** Baseline score: the feature itself (direction 1) or its negative (-1); higher = more likely positive. */
  baseline: { feature: FeatureName; direction: 1 | -1; name: string };
}

/** Churn: no order in the window. Baseline: recency (longer since the last order = more likely to churn). */
export const CHURN: LabelDefinition = {
  name: 'churn',
  description: 'No purchase in the window after the cutoff.',
  label: churnLabel,
  baseline: { feature: 'recency_days', direction: 1, name: 'recency_only' },
};

/** High value: top `topShare` by spend in the window. Baseline: past spend. */
export function highValue(topShare = 0.2): LabelDefinition {
  return {
    name: 'high_value',
    description: `Among the top ${Math.round(topShare * 100)}% of customers by net spend in the window after the cutoff.`,
    label: highValueLabel(topShare),
    baseline: { feature: 'monetary', direction: 1, name: 'monetary_only' },
  };
}

export interface ModelOptions {
  windowDays?: number;
  forest?: ForestOptions;
  /** L2 penalty of the logistic regression; default 1. */
  l2?: number;
  /** Shuffles per feature for permutation importance; default 3. */
  permutationRepeats?: number;
  seed?: number;
  /** Training rows beyond this are a fixed-seed sample of this many; default MAX_FIT_ROWS (50,000). */
  maxFitRows?: number;
}

export interface Dataset {
  table: FeatureTable;
  labels: number[];
  cutoff: Date;
}

/** Indexes histories by customer id (build once from transactions with buildHistories). */
export function indexHistories(histories: readonly CustomerHistory[]): Map<string, CustomerHistory> {
  return new Map(histories.map((h) => [h.customerId, h]));
}

/** The three fitted scorers and the thresholds chosen on the training data. */
export interface FittedModels {
  definition: LabelDefinition;
  trainCutoff: Date;
  forest: RandomForest;
  logistic: LogisticModel;
  /** Fitted on the training rows after signed log1p; applied unchanged to later rows. */
  logisticScaler: ScalerParams;
  /** Thresholds maximising F1 on training data (out-of-bag scores for the forest). */
  thresholds: { randomForest: number; logisticRegression: number; baseline: number };
}

/** Scores of every row of a table by each model: forest and logistic are probabilities; baseline is raw. */
export interface ModelScores {
  randomForest: number[];
  logisticRegression: number[];
  baseline: number[];
}

function baselineScores(definition: LabelDefinition, table: FeatureTable): number[] {
  const column = table.names.indexOf(definition.baseline.feature);
  return table.rows.map((r) => definition.baseline.direction * (r[column] as number));
}

/** Scores a feature table with every fitted model. */
export function scoreTable(models: FittedModels, table: FeatureTable): ModelScores {
  return {
    randomForest: models.forest.predict(table.rows),
    logisticRegression: predictLogistic(models.logistic, standardize(signedLog1pRows(table.rows), models.logisticScaler)),
    baseline: baselineScores(models.definition, table),
  };
}

/**
 * Fits the forest, the logistic regression and the baseline threshold on a training dataset. The
 * forest's threshold is chosen on its out-of-bag scores, since its in-sample scores are overfitted.
 */
export function fitModels(all: Dataset, definition: LabelDefinition, options: ModelOptions = {}): FittedModels {
  const seed = options.seed ?? 42;
  const train = fitSampleOf(all, options.maxFitRows ?? MAX_FIT_ROWS, seed);
  const forest = trainForest(train.table.rows, train.labels, { seed, ...options.forest });
  const logged = signedLog1pRows(train.table.rows);
  const logisticScaler = fitStandardScaler(logged);
  const logistic = fitLogistic(standardize(logged, logisticScaler), train.labels, { l2: options.l2 ?? 1 });
  const oob = forest.outOfBag;
  const seen = oob.map((_, i) => i).filter((i) => !Number.isNaN(oob[i]));
  const oobThreshold = bestF1Threshold(
    seen.map((i) => oob[i] as number),
    seen.map((i) => train.labels[i] as number),
  ).threshold;
  const partial: Omit<FittedModels, 'thresholds'> = { definition, trainCutoff: train.cutoff, forest, logistic, logisticScaler };
  const scores = scoreTable({ ...partial, thresholds: { randomForest: 0, logisticRegression: 0, baseline: 0 } }, train.table);
  return {
    ...partial,
    thresholds: {
      randomForest: oobThreshold,
      logisticRegression: bestF1Threshold(scores.logisticRegression, train.labels).threshold,
      baseline: bestF1Threshold(scores.baseline, train.labels).threshold,
    },
  };
}

/** The training rows the fits use: all of them, or a fixed-seed sample of `max` past that. */
function fitSampleOf(data: Dataset, max: number, seed: number): Dataset {
  if (data.labels.length <= max) return data;
  const rows = sampleIndices(data.labels.length, max, seed);
  return {
    cutoff: data.cutoff,
    labels: rows.map((i) => data.labels[i] as number),
    table: { ...data.table, customerIds: rows.map((i) => data.table.customerIds[i] as string), rows: rows.map((i) => data.table.rows[i] as number[]) },
  };
}

/** Mean drop in holdout ROC AUC of the forest when each feature's column is shuffled. */
export function permutationImportance(forest: RandomForest, rows: readonly (readonly number[])[], labels: number[], repeats: number, seed: number): number[] {
  const base = rocAuc(forest.predict(rows), labels);
  const random = mulberry32(seed);
  const work = rows.map((row) => row.slice());
  return FEATURE_NAMES.map((_, f) => {
    const original = rows.map((row) => row[f] as number);
    let drop = 0;
    for (let r = 0; r < repeats; r++) {
      // Shuffle one column in a working copy, score, and put the column back.
      shuffled(original, random).forEach((v, i) => (work[i]![f] = v));
      drop += base - rocAuc(forest.predict(work), labels);
    }
    original.forEach((v, i) => (work[i]![f] = v));
    return drop / repeats;
  });
}

export type RiskBand = 'High' | 'Medium' | 'Low';

/** High >= 0.7, Medium >= 0.4, else Low. */
export function riskBand(probability: number): RiskBand {
  return probability >= 0.7 ? 'High' : probability >= 0.4 ? 'Medium' : 'Low';
}

export { buildHistories, type Transaction };
