import { kmeans } from 'ml-kmeans';
import { orderClustersByMonetary, profileClusters, type ClusterProfile } from './cluster-profiles.js';
import { calinskiHarabasz, daviesBouldin, silhouetteScores, squaredEuclidean } from './metrics.js';
import { kmeansStability, STABILITY_RESAMPLES, STABILITY_SAMPLE } from './cluster-stability.js';
import { fitSample, sampleIndices } from './random.js';
import type { RfmInput } from './rfm.js';
import { rfmFeatureMatrix } from './rfm-features.js';
import type { ScalerParams } from './scaling.js';

export interface KSelectionOptions {
  kMin?: number;
  kMax?: number;
  seed?: number;
  /** Points whose silhouette is averaged (each against all points); default 2,000. */
  silhouetteSample?: number;
  /** K-Means restarts per k (seeds seed, seed+1, ...); the lowest inertia wins. Default 4. */
  restarts?: number;
  /** Silhouettes within this distance of the best count as tied; default 0.01. */
  silhouetteTolerance?: number;
  /**
   * Beyond this many customers the whole selection works on a fixed-seed sample of this size and
   * every customer then joins the nearest centroid of the chosen solution; default 20,000.
   */
  fitSample?: number;
  /** Bootstrap resamples per k for the stability score; default 20. */
  stabilityResamples?: number;
  /** Points drawn per stability resample; default 2,000. */
  stabilitySample?: number;
}

export const KMEANS_FIT_SAMPLE = 20_000;

/** The quality of the K-Means solution for one k. */
export interface KScore {
  k: number;
  /** Sum of squared distances to the assigned centroid (standardized log space). */
  inertia: number;
  silhouette: number;
  calinskiHarabasz: number;
  daviesBouldin: number;
  iterations: number;
  converged: boolean;
  /** Mean adjusted Rand index of bootstrap refits against this solution (1 = the same segments every time). */
  stability: number;
  /** The lowest adjusted Rand index of any resample. */
  stabilityMin: number;
  /** Share of customers in the smallest cluster. */
  smallestShare: number;
}

/** The clusters of one k: who is in which, what each looks like, and the centroids. */
export interface KMeansSolution {
  /** Sorted by customer id; cluster 0 = highest mean monetary value. */
  assignments: { customerId: string; cluster: number }[];
  profiles: ClusterProfile[];
  /** Centroids of the chosen solution in standardized log space, indexed by (renumbered) cluster. */
  centroids: number[][];
}

export interface KMeansSelection extends KMeansSolution {
  /** Every k tried, ascending, so the choice can be checked. */
  scores: KScore[];
  chosenK: number;
  /** One sentence saying why chosenK was chosen. */
  reason: string;
  scaler: ScalerParams;
  /** The solution of any k tried (the chosen one is spread into this object). */
  solve: (k: number) => KMeansSolution;
}

function inertiaOf(points: number[][], labels: number[], centroids: number[][]): number {
  let sum = 0;
  points.forEach((p, i) => {
    sum += squaredEuclidean(p, centroids[labels[i] as number] as number[]);
  });
  return sum;
}

function nearestCentroid(point: readonly number[], centroids: readonly (readonly number[])[]): number {
  let best = 0;
  let bestDistance = Infinity;
  centroids.forEach((c, k) => {
    const distance = squaredEuclidean(point, c);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = k;
    }
  });
  return best;
}

function bestOfRestarts(points: number[][], k: number, seed: number, restarts: number) {
  let best: { labels: number[]; centroids: number[][]; inertia: number; iterations: number; converged: boolean } | undefined;
  for (let r = 0; r < restarts; r++) {
    const result = kmeans(points, k, { initialization: 'kmeans++', seed: seed + r, maxIterations: 300 });
    const inertia = inertiaOf(points, result.clusters, result.centroids);
    if (!best || inertia < best.inertia) {
      best = { labels: result.clusters, centroids: result.centroids, inertia, iterations: result.iterations, converged: result.converged };
    }
  }
  return best!;
}

/**
 * Chooses k for K-Means by measuring: for k = kMin..kMax it clusters the standardized log R, F, M
 * (k-means++ initialisation, fixed seeds), records inertia, silhouette (on a fixed-seed sample),
 * Calinski-Harabasz and Davies-Bouldin, and picks the k with the highest silhouette; silhouettes
 * within `silhouetteTolerance` of the best are treated as tied and the tie goes to the lowest
 * Davies-Bouldin index. Returns all scores, the reason, assignments and cluster profiles.
 */
export function selectKMeans(customers: readonly RfmInput[], options: KSelectionOptions = {}): KMeansSelection {
  const {
    kMin = 2,
    kMax = 10,
    seed = 42,
    silhouetteSample = 2000,
    restarts = 4,
    silhouetteTolerance = 0.01,
    fitSample: fitSize = KMEANS_FIT_SAMPLE,
    stabilityResamples = STABILITY_RESAMPLES,
    stabilitySample = STABILITY_SAMPLE,
  } = options;
  const matrix = rfmFeatureMatrix(customers);
  const all = matrix.standardized;
  const sampled = all.length > fitSize;
  const points = sampled ? [...fitSample(all, fitSize, seed)] : all;
  const maxK = Math.min(kMax, points.length - 1);
  if (maxK < kMin) throw new RangeError(`need more than ${kMin} customers to cluster, got ${points.length}`);
  const sample = sampleIndices(points.length, silhouetteSample, seed);
  const runs = new Map<number, { labels: number[]; centroids: number[][]; inertia: number; iterations: number; converged: boolean }>();
  for (let k = kMin; k <= maxK; k++) runs.set(k, bestOfRestarts(points, k, seed, restarts));
  // One pass over the sampled distances serves every k.
  const silhouettes = silhouetteScores(points, [...runs.values()].map((run) => run.labels), sample);
  const scores: KScore[] = [...runs.entries()].map(([k, run], i) => {
    const stability = kmeansStability(points, run.labels, k, { resamples: stabilityResamples, sampleSize: stabilitySample, seed });
    const sizes = new Map<number, number>();
    for (const label of run.labels) sizes.set(label, (sizes.get(label) ?? 0) + 1);
    return {
      k,
      inertia: run.inertia,
      silhouette: silhouettes[i] as number,
      calinskiHarabasz: calinskiHarabasz(points, run.labels),
      daviesBouldin: daviesBouldin(points, run.labels),
      iterations: run.iterations,
      converged: run.converged,
      stability: stability.meanAri,
      stabilityMin: stability.minAri,
      // an empty cluster (possible in K-Means) makes the smallest share 0
      smallestShare: sizes.size < k ? 0 : Math.min(...sizes.values()) / points.length,
    };
  });
  const bestSilhouette = Math.max(...scores.map((s) => s.silhouette));
  const tied = scores.filter((s) => s.silhouette >= bestSilhouette - silhouetteTolerance);
  const chosen = tied.reduce((a, b) => (b.daviesBouldin < a.daviesBouldin ? b : a));
  const fmt = (x: number) => x.toFixed(3);
  const reason =
    (tied.length === 1
      ? `k=${chosen.k} has the highest silhouette (${fmt(chosen.silhouette)}) of k=${kMin}..${maxK}.`
      : `k=${tied.map((s) => s.k).join(', ')} have silhouettes within ${silhouetteTolerance} of the best (${fmt(bestSilhouette)}); ` +
        `k=${chosen.k} has the lowest Davies-Bouldin index among them (${fmt(chosen.daviesBouldin)}).`) +
    (sampled
      ? ` Chosen on a fixed-seed sample of ${points.length.toLocaleString('en-GB')} of ${all.length.toLocaleString('en-GB')} customers (seed ${seed}); every customer joined the nearest centroid.`
      : '');

  // The solution for any k tried, in the same shape as the chosen one (the marketing segmentation may use another k).
  const solve = (k: number): KMeansSolution => {
    const run = runs.get(k);
    if (!run) throw new RangeError(`k=${k} was not tried`);
    const fitted = sampled ? all.map((p) => nearestCentroid(p, run.centroids)) : run.labels;
    const labels = orderClustersByMonetary(fitted, matrix.customers);
    // An empty cluster (possible in K-Means) simply has no number after renumbering.
    const centroids = new Array<number[]>(new Set(labels).size);
    fitted.forEach((old, i) => {
      centroids[labels[i] as number] = run.centroids[old] as number[];
    });
    return {
      assignments: matrix.customers.map((c, i) => ({ customerId: c.customerId, cluster: labels[i] as number })),
      profiles: profileClusters(matrix.customers, labels, all),
      centroids,
    };
  };
  return { scores, chosenK: chosen.k, reason, scaler: matrix.scaler, ...solve(chosen.k), solve };
}
