/**
 * Classification and clustering metrics on plain arrays. Labels are 0/1 (1 = the positive class,
 * e.g. "churned"); scores are "higher = more likely positive".
 */

/** Precision, recall and F1 of the rule "score >= threshold means positive". */
export interface ThresholdMetrics {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

function checkLengths(scores: readonly number[], labels: readonly number[]): void {
  if (scores.length !== labels.length) throw new RangeError(`scores (${scores.length}) and labels (${labels.length}) differ in length`);
}

/** Ranks 1..n of `values` ascending; tied values share the average of the ranks they span. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1] as number] === values[order[start] as number]) end++;
    const rank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) ranks[order[i] as number] = rank;
    start = end + 1;
  }
  return ranks;
}

/**
 * ROC AUC by the rank-sum (Mann-Whitney) formula: the probability that a random positive scores
 * higher than a random negative, ties counting one half (average ranks). NaN when a class is absent.
 */
export function rocAuc(scores: readonly number[], labels: readonly number[]): number {
  checkLengths(scores, labels);
  const ranks = averageRanks(scores);
  let positives = 0;
  let rankSum = 0;
  labels.forEach((label, i) => {
    if (label === 1) {
      positives++;
      rankSum += ranks[i] as number;
    }
  });
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Average precision (area under the precision-recall curve, step-wise, as scikit-learn's
 * average_precision_score): sum over distinct score thresholds, from high to low, of
 * (recall gained at the threshold) x (precision at the threshold). Tied scores form one threshold.
 */
export function averagePrecision(scores: readonly number[], labels: readonly number[]): number {
  checkLengths(scores, labels);
  const totalPositives = labels.filter((l) => l === 1).length;
  if (totalPositives === 0) return Number.NaN;
  const order = scores.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  let truePositives = 0;
  let seen = 0;
  let previousRecall = 0;
  let area = 0;
  let i = 0;
  while (i < order.length) {
    const score = scores[order[i] as number];
    while (i < order.length && scores[order[i] as number] === score) {
      if (labels[order[i] as number] === 1) truePositives++;
      seen++;
      i++;
    }
    const recall = truePositives / totalPositives;
    area += (recall - previousRecall) * (truePositives / seen);
    previousRecall = recall;
  }
  return area;
}

/** Confusion counts, precision, recall and F1 at `threshold` (precision is 0 when nothing is flagged). */
export function metricsAtThreshold(scores: readonly number[], labels: readonly number[], threshold: number): ThresholdMetrics {
  checkLengths(scores, labels);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  scores.forEach((score, i) => {
    const flagged = score >= threshold;
    const positive = labels[i] === 1;
    if (flagged && positive) tp++;
    else if (flagged) fp++;
    else if (positive) fn++;
    else tn++;
  });
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { threshold, truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn, precision, recall, f1 };
}

/**
 * The threshold (one of the observed scores) that maximises F1 on the given data; ties go to the
 * higher threshold (fewer customers flagged). Meant to be chosen on training data and then applied,
 * unchanged, to the holdout.
 */
export function bestF1Threshold(scores: readonly number[], labels: readonly number[]): ThresholdMetrics {
  checkLengths(scores, labels);
  const totalPositives = labels.filter((l) => l === 1).length;
  const order = scores.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  let best: { threshold: number; f1: number } = { threshold: Number.POSITIVE_INFINITY, f1: -1 };
  let tp = 0;
  let flagged = 0;
  let i = 0;
  // One pass from the highest score down: lowering the threshold to `score` flags all ties at once.
  while (i < order.length) {
    const score = scores[order[i] as number] as number;
    while (i < order.length && scores[order[i] as number] === score) {
      if (labels[order[i] as number] === 1) tp++;
      flagged++;
      i++;
    }
    const f1 = totalPositives + flagged === 0 ? 0 : (2 * tp) / (totalPositives + flagged);
    if (f1 > best.f1) best = { threshold: score, f1 };
  }
  return metricsAtThreshold(scores, labels, best.threshold);
}

/** Mean binary cross-entropy; probabilities are clipped to [1e-15, 1 - 1e-15] as scikit-learn does. */
export function logLoss(probabilities: readonly number[], labels: readonly number[]): number {
  checkLengths(probabilities, labels);
  const eps = 1e-15;
  let sum = 0;
  probabilities.forEach((p, i) => {
    const q = Math.min(1 - eps, Math.max(eps, p));
    sum += labels[i] === 1 ? -Math.log(q) : -Math.log(1 - q);
  });
  return sum / probabilities.length;
}

/** Squared Euclidean distance: for comparisons and sums of squares, where the root is not needed. */
export function squaredEuclidean(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let d = 0; d < a.length; d++) {
    const diff = (a[d] as number) - (b[d] as number);
    sum += diff * diff;
  }
  return sum;
}

function euclidean(a: readonly number[], b: readonly number[]): number {
  return Math.sqrt(squaredEuclidean(a, b));
}

function clusterIds(labels: readonly number[]): number[] {
  return [...new Set(labels)].sort((a, b) => a - b);
}

function centroidsOf(points: readonly (readonly number[])[], labels: readonly number[], ids: readonly number[]) {
  const dims = points[0]?.length ?? 0;
  const index = new Map(ids.map((id, i) => [id, i]));
  const sums = ids.map(() => new Array<number>(dims).fill(0));
  const sizes = ids.map(() => 0);
  points.forEach((p, i) => {
    const c = index.get(labels[i] as number) as number;
    sizes[c]!++;
    for (let d = 0; d < dims; d++) sums[c]![d]! += p[d] as number;
  });
  return { index, sizes, centroids: sums.map((s, c) => s.map((v) => v / (sizes[c] as number))) };
}

/**
 * Mean silhouette coefficient (Euclidean). s(i) = (b - a) / max(a, b) with a = mean distance to the
 * other members of i's cluster and b = the smallest mean distance to another cluster; s(i) = 0 for a
 * point alone in its cluster (scikit-learn's convention).
 *
 * `sample` restricts which points are averaged (each sampled point is still compared with all n
 * points), making the cost O(sample x n) instead of O(n^2). Callers on the full customer base pass
 * e.g. `sampleIndices(n, 2000, seed)` from random.ts with a fixed seed; without it every point is used.
 * Returns NaN with fewer than 2 clusters.
 */
export function silhouetteScore(points: readonly (readonly number[])[], labels: readonly number[], sample?: readonly number[]): number {
  return silhouetteScores(points, [labels], sample)[0] as number;
}

/**
 * silhouetteScore for several labellings of the same points at once (e.g. K-Means for k = 2..10):
 * each distance from a sampled point to every other point is computed once and added to the
 * cluster sums of every labelling, which is what makes k selection on thousands of customers fast.
 * Returns one score per labelling, equal to silhouetteScore(points, labelSets[m], sample).
 */
export function silhouetteScores(points: readonly (readonly number[])[], labelSets: readonly (readonly number[])[], sample?: readonly number[]): number[] {
  const n = points.length;
  for (const labels of labelSets) if (labels.length !== n) throw new RangeError('points and labels differ in length');
  const sets = labelSets.map((labels) => {
    const ids = clusterIds(labels);
    const index = new Map(ids.map((id, i) => [id, i]));
    const cluster = Int32Array.from(labels, (l) => index.get(l) as number);
    const sizes = new Float64Array(ids.length);
    for (const c of cluster) sizes[c]!++;
    // The members of each cluster in ascending order, cluster after cluster: a cluster's distance sum
    // is then one run of additions into a local variable, in the same order as a pass over all points
    // would add them (so the same sum), without a store and reload of the total for every point.
    const start = new Int32Array(ids.length + 1);
    for (let c = 0; c < ids.length; c++) start[c + 1] = (start[c] as number) + (sizes[c] as number);
    const next = start.slice(0, ids.length);
    const members = new Int32Array(n);
    for (let j = 0; j < n; j++) members[next[cluster[j] as number]!++] = j;
    return { k: ids.length, cluster, sizes, start, members, sums: new Float64Array(ids.length), total: 0 };
  });
  const chosen = sample ?? points.map((_, i) => i);
  // Flat typed arrays: the distance loop runs sample x n times (millions), so memory layout matters.
  const dims = points[0]?.length ?? 0;
  const flat = new Float64Array(n * dims);
  points.forEach((p, i) => p.forEach((v, d) => (flat[i * dims + d] = v)));
  const row = new Float64Array(n);
  for (const i of chosen) {
    const base = i * dims;
    for (let j = 0; j < n; j++) {
      let sq = 0;
      const other = j * dims;
      for (let d = 0; d < dims; d++) {
        const diff = (flat[base + d] as number) - (flat[other + d] as number);
        sq += diff * diff;
      }
      row[j] = Math.sqrt(sq);
    }
    row[i] = 0; // the point itself adds nothing to its own cluster's sum
    for (const set of sets) {
      if (set.k < 2) continue;
      const { cluster, sizes, sums, start, members } = set;
      for (let c = 0; c < set.k; c++) {
        let sum = 0;
        const end = start[c + 1] as number;
        for (let q = start[c] as number; q < end; q++) sum += row[members[q] as number] as number;
        sums[c] = sum;
      }
      const own = cluster[i] as number;
      if ((sizes[own] as number) <= 1) continue; // s(i) = 0
      const a = (sums[own] as number) / ((sizes[own] as number) - 1);
      let b = Number.POSITIVE_INFINITY;
      for (let c = 0; c < set.k; c++) if (c !== own) b = Math.min(b, (sums[c] as number) / (sizes[c] as number));
      const denominator = Math.max(a, b);
      set.total += denominator === 0 ? 0 : (b - a) / denominator;
    }
  }
  return sets.map((set) => (set.k < 2 || chosen.length === 0 ? Number.NaN : set.total / chosen.length));
}

/**
 * Calinski-Harabasz index: (between-cluster dispersion / (k - 1)) / (within-cluster dispersion /
 * (n - k)); higher is better. NaN with fewer than 2 clusters; Infinity when clusters have no spread.
 */
export function calinskiHarabasz(points: readonly (readonly number[])[], labels: readonly number[]): number {
  const ids = clusterIds(labels);
  const n = points.length;
  const k = ids.length;
  if (k < 2 || n <= k) return Number.NaN;
  const { index, sizes, centroids } = centroidsOf(points, labels, ids);
  const dims = points[0]?.length ?? 0;
  const overall = new Array<number>(dims).fill(0);
  for (const p of points) for (let d = 0; d < dims; d++) overall[d]! += (p[d] as number) / n;
  let between = 0;
  centroids.forEach((c, ci) => {
    const dist = euclidean(c, overall);
    between += (sizes[ci] as number) * dist * dist;
  });
  let within = 0;
  points.forEach((p, i) => {
    const dist = euclidean(p, centroids[index.get(labels[i] as number) as number] as number[]);
    within += dist * dist;
  });
  if (within === 0) return Number.POSITIVE_INFINITY;
  return (between / (k - 1)) / (within / (n - k));
}

/**
 * Davies-Bouldin index: mean over clusters of max_j (s_i + s_j) / d(c_i, c_j), with s = mean
 * distance of members to their centroid; lower is better. NaN with fewer than 2 clusters.
 */
export function daviesBouldin(points: readonly (readonly number[])[], labels: readonly number[]): number {
  const ids = clusterIds(labels);
  const k = ids.length;
  if (k < 2) return Number.NaN;
  const { index, sizes, centroids } = centroidsOf(points, labels, ids);
  const spread = ids.map(() => 0);
  points.forEach((p, i) => {
    const c = index.get(labels[i] as number) as number;
    spread[c]! += euclidean(p, centroids[c] as number[]) / (sizes[c] as number);
  });
  let total = 0;
  for (let i = 0; i < k; i++) {
    let worst = 0;
    for (let j = 0; j < k; j++) {
      if (i === j) continue;
      const separation = euclidean(centroids[i] as number[], centroids[j] as number[]);
      const ratio = separation === 0 ? Number.POSITIVE_INFINITY : ((spread[i] as number) + (spread[j] as number)) / separation;
      worst = Math.max(worst, ratio);
    }
    total += worst;
  }
  return total / k;
}

/** A score's holdout figures at a threshold fixed beforehand (on training data). */
export interface HoldoutMetrics {
  rocAuc: number;
  prAuc: number;
  /** Null when the score is not a probability (baselines). */
  logLoss: number | null;
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  flagged: number;
}

/** Ranking and threshold metrics of one score on the holdout. */
export function holdoutMetrics(scores: readonly number[], labels: readonly number[], threshold: number, probabilities: boolean): HoldoutMetrics {
  const at = metricsAtThreshold(scores, labels, threshold);
  return {
    rocAuc: rocAuc(scores, labels),
    prAuc: averagePrecision(scores, labels),
    logLoss: probabilities ? logLoss(scores, labels) : null,
    threshold,
    precision: at.precision,
    recall: at.recall,
    f1: at.f1,
    flagged: at.truePositives + at.falsePositives,
  };
}

/**
 * Adjusted Rand index of two labellings of the same points (Hubert and Arabie): the share of point
 * pairs on which both agree (same group in both, or different in both), corrected for the agreement
 * expected by chance, so 1 = identical partitions up to renaming and ~0 = no better than random.
 * Two trivial partitions (everything in one group in both) count as identical (1).
 */
export function adjustedRandIndex(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError('labellings differ in length');
  const n = a.length;
  const pairs = (x: number) => (x * (x - 1)) / 2;
  // dense group numbers, so the contingency table is a flat array (string keys measured 3 ms a call)
  const dense = (labels: readonly number[]) => {
    const index = new Map<number, number>();
    const out = new Int32Array(labels.length);
    labels.forEach((label, i) => {
      let id = index.get(label);
      if (id === undefined) index.set(label, (id = index.size));
      out[i] = id;
    });
    return { out, groups: index.size };
  };
  const x = dense(a);
  const y = dense(b);
  const cells = new Float64Array(x.groups * y.groups);
  const rows = new Float64Array(x.groups);
  const cols = new Float64Array(y.groups);
  for (let i = 0; i < n; i++) {
    cells[x.out[i]! * y.groups + y.out[i]!]!++;
    rows[x.out[i]!]!++;
    cols[y.out[i]!]!++;
  }
  let index = 0;
  for (const c of cells) index += pairs(c);
  let sumRows = 0;
  for (const c of rows) sumRows += pairs(c);
  let sumCols = 0;
  for (const c of cols) sumCols += pairs(c);
  const expected = (sumRows * sumCols) / pairs(n);
  const max = (sumRows + sumCols) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}
