import { orderClustersByMonetary, profileClusters, type ClusterProfile } from './cluster-profiles.js';
import { dbscan, kDistances, kneeOfCurve } from './dbscan.js';
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
 * Density-based segmentation of customers on standardized log R, F, M. minPts defaults to
 * 2 x dimensions = 6; eps, unless given, is the knee of the k-distance curve (k = minPts).
 */
export function segmentWithDbscan(customers: readonly RfmInput[], options: { minPts?: number; eps?: number } = {}): DbscanSegmentation {
  const matrix = rfmFeatureMatrix(customers);
  const minPts = options.minPts ?? 2 * 3;
  const curve = kDistances(matrix.standardized, minPts);
  const knee = kneeOfCurve(curve);
  const eps = options.eps ?? knee.value;
  const reason =
    options.eps === undefined
      ? `eps = ${eps.toFixed(3)} is the knee of the ${minPts}-distance curve (point ${knee.index + 1} of ${curve.length}, farthest from its chord).`
      : `eps = ${eps.toFixed(3)} was given by the caller.`;
  const result = dbscan(matrix.standardized, eps, minPts);
  const labels = orderClustersByMonetary(result.labels, matrix.customers);
  return {
    eps,
    minPts,
    reason,
    kDistanceCurve: curve,
    clusters: result.clusters,
    noise: result.noise,
    assignments: matrix.customers.map((c, i) => ({ customerId: c.customerId, cluster: labels[i] as number })),
    profiles: profileClusters(matrix.customers, labels, matrix.standardized),
  };
}
