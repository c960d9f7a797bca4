import { NOISE, orderClustersByMonetary, profileClusters, type ClusterProfile } from './cluster-profiles.js';
import { dbscan, kDistances, kneeOfCurve } from './dbscan.js';
import { squaredEuclidean } from './metrics.js';
import { sampleIndices } from './random.js';
import type { RfmInput } from './rfm.js';
import { rfmFeatureMatrix } from './rfm-features.js';

export interface DbscanSegmentation {
  eps: number;
  minPts: number;
  /** How eps was chosen, as a sentence. */
  reason: string;
  /** The sorted k-distance curve (k = minPts), for plotting next to the chosen eps. */
  kDistanceCurve: number[];
  clusters: number;
  noise: number;
  /** Sorted by customer id; cluster 0 = highest mean monetary value, -1 = noise. */
  assignments: { customerId: string; cluster: number }[];
  /** One profile per cluster, noise last as its own group ("Outliers (noise)"). */
  profiles: ClusterProfile[];
}

/**
 * Above this many customers DBSCAN runs on a fixed-seed sample of this size: its neighbour search
 * grows towards n^2 where many customers look alike (20,000 points take about a second).
 */
export const DBSCAN_MAX_POINTS = 20_000;
const SAMPLE_SEED = 42;

/**
 * Density-based segmentation of customers on standardized log R, F, M. minPts defaults to
 * 2 x dimensions = 6; eps, unless given, is the knee of the k-distance curve (k = minPts). Beyond
 * `maxPoints` customers, eps and the clusters come from a fixed-seed sample, and every other customer
 * joins the cluster of the nearest clustered sample customer within eps (else it is noise).
 */
export function segmentWithDbscan(
  customers: readonly RfmInput[],
  options: { minPts?: number; eps?: number; maxPoints?: number } = {},
): DbscanSegmentation {
  const matrix = rfmFeatureMatrix(customers);
  const minPts = options.minPts ?? 2 * 3;
  const maxPoints = options.maxPoints ?? DBSCAN_MAX_POINTS;
  const all = matrix.standardized;
  const sample = all.length > maxPoints ? sampleIndices(all.length, maxPoints, SAMPLE_SEED) : undefined;
  const points = sample ? sample.map((i) => all[i] as number[]) : all;
  const curve = kDistances(points, minPts);
  const knee = kneeOfCurve(curve);
  const eps = options.eps ?? knee.value;
  const reason =
    (options.eps === undefined
      ? `eps = ${eps.toFixed(3)} is the knee of the ${minPts}-distance curve (point ${knee.index + 1} of ${curve.length}, farthest from its chord).`
      : `eps = ${eps.toFixed(3)} was given by the caller.`) +
    (sample
      ? ` Clustered on a fixed-seed sample of ${sample.length.toLocaleString('en-GB')} of ${all.length.toLocaleString('en-GB')} customers (seed ${SAMPLE_SEED}); the others joined the cluster of the nearest clustered sample customer within eps, else noise.`
      : '');
  const result = dbscan(points, eps, minPts);
  const raw = sample ? extendToAll(all, sample, result.labels, eps) : result.labels;
  const labels = orderClustersByMonetary(raw, matrix.customers);
  return {
    eps,
    minPts,
    reason,
    kDistanceCurve: curve,
    clusters: result.clusters,
    noise: labels.filter((l) => l === NOISE).length,
    assignments: matrix.customers.map((c, i) => ({ customerId: c.customerId, cluster: labels[i] as number })),
    profiles: profileClusters(matrix.customers, labels, matrix.standardized),
  };
}

/**
 * Labels for every point from the sample's labels: a sampled point keeps its own; any other point
 * takes the label of the nearest clustered sampled point within eps, found through a grid of cells
 * eps wide (only the neighbouring cells can hold such a point), else noise.
 */
function extendToAll(all: readonly (readonly number[])[], sample: readonly number[], sampleLabels: readonly number[], eps: number): number[] {
  const cell = eps > 0 ? eps : 1;
  const keyOf = (p: readonly number[], offset: readonly number[] = []) => p.map((v, d) => Math.floor(v / cell) + (offset[d] ?? 0)).join(',');
  const grid = new Map<string, number[]>();
  sample.forEach((index, s) => {
    if (sampleLabels[s] === NOISE) return;
    const key = keyOf(all[index] as number[]);
    grid.set(key, [...(grid.get(key) ?? []), s]);
  });
  const dims = all[0]?.length ?? 0;
  // Every combination of -1, 0 and +1 cells per dimension: the cell itself and its neighbours.
  let offsets: number[][] = [[]];
  for (let d = 0; d < dims; d++) offsets = offsets.flatMap((o) => [-1, 0, 1].map((step) => [...o, step]));
  const labels = new Array<number>(all.length).fill(NOISE);
  sample.forEach((index, s) => (labels[index] = sampleLabels[s] as number));
  const inSample = new Set(sample);
  all.forEach((point, index) => {
    if (inSample.has(index)) return;
    let best = Infinity;
    for (const offset of offsets) {
      for (const s of grid.get(keyOf(point, offset)) ?? []) {
        const squared = squaredEuclidean(point, all[sample[s] as number] as number[]);
        if (squared <= eps * eps && squared < best) {
          best = squared;
          labels[index] = sampleLabels[s] as number;
        }
      }
    }
  });
  return labels;
}
