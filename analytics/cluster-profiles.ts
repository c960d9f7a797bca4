import type { RfmInput } from './rfm.js';

/** Label of DBSCAN noise points (customers that belong to no dense region). */
export const NOISE = -1;

/** What a cluster looks like, in original units and relative to the whole customer base. */
export interface ClusterProfile {
  /** 0..k-1 ordered by mean monetary value descending; -1 = noise. */
  cluster: number;
  persona: string;
  customers: number;
  customerShare: number;
  meanRecencyDays: number;
  meanFrequency: number;
  meanMonetary: number;
  revenue: number;
  revenueShare: number;
  /** Mean of the standardized log features: how far the cluster sits from the average customer, in SDs. */
  zRecency: number;
  zFrequency: number;
  zMonetary: number;
}

/**
 * Renumbers clusters so that cluster 0 has the highest mean monetary value (ties: larger cluster,
 * then the old id). Noise (-1) stays -1. Makes numbering independent of the algorithm's internal order.
 */
export function orderClustersByMonetary(labels: readonly number[], customers: readonly RfmInput[]): number[] {
  const stats = new Map<number, { sum: number; size: number }>();
  labels.forEach((label, i) => {
    if (label === NOISE) return;
    const s = stats.get(label) ?? { sum: 0, size: 0 };
    s.sum += (customers[i] as RfmInput).monetary;
    s.size++;
    stats.set(label, s);
  });
  const order = [...stats.entries()]
    .sort(([a, x], [b, y]) => y.sum / y.size - x.sum / x.size || y.size - x.size || a - b)
    .map(([label]) => label);
  const rename = new Map(order.map((label, i) => [label, i]));
  return labels.map((label) => (label === NOISE ? NOISE : (rename.get(label) as number)));
}

/**
 * A persona name from a cluster's position in standardized log space (z: mean SDs from the average
 * customer; recency z > 0 means longer since the last purchase). Rules, first match wins:
 * - spend z > 0.5, frequency z > 0.5, recency z < 0: "High-value loyal"
 * - spend z > 0.5, recency z < 0: "Recent big spenders"
 * - spend z > 0.5: "Lapsed big spenders"
 * - recency z > 0.5 and spend z < -0.5: "Lapsed low spenders"
 * - recency z > 0.5: "Lapsing occasional buyers"
 * - recency z < -0.5 and frequency z < 0: "Recent newcomers"
 * - recency z < -0.5: "Recent regulars"
 * - spend z < -0.5: "Occasional low spenders"
 * - otherwise: "Occasional mid spenders"
 */
export function personaFor(z: { recency: number; frequency: number; monetary: number }): string {
  if (z.monetary > 0.5 && z.frequency > 0.5 && z.recency < 0) return 'High-value loyal';
  if (z.monetary > 0.5 && z.recency < 0) return 'Recent big spenders';
  if (z.monetary > 0.5) return 'Lapsed big spenders';
  if (z.recency > 0.5 && z.monetary < -0.5) return 'Lapsed low spenders';
  if (z.recency > 0.5) return 'Lapsing occasional buyers';
  if (z.recency < -0.5 && z.frequency < 0) return 'Recent newcomers';
  if (z.recency < -0.5) return 'Recent regulars';
  if (z.monetary < -0.5) return 'Occasional low spenders';
  return 'Occasional mid spenders';
}

/**
 * Profiles of every cluster (noise included as its own group, persona "Outliers (noise)"), sorted by
 * cluster number with noise last. `standardized` holds each customer's standardized log
 * [recency, frequency, monetary]. Persona names are made unique by numbering repeats in cluster
 * order ("Occasional mid spenders 2").
 */
export function profileClusters(
  customers: readonly RfmInput[],
  labels: readonly number[],
  standardized: readonly (readonly number[])[],
): ClusterProfile[] {
  if (customers.length !== labels.length || customers.length !== standardized.length) {
    throw new RangeError('customers, labels and standardized rows differ in length');
  }
  const totalRevenue = customers.reduce((sum, c) => sum + c.monetary, 0);
  const groups = new Map<number, number[]>();
  labels.forEach((label, i) => {
    const members = groups.get(label);
    if (members) members.push(i);
    else groups.set(label, [i]);
  });
  const ids = [...groups.keys()].sort((a, b) => (a === NOISE ? 1 : b === NOISE ? -1 : a - b));
  const used = new Map<string, number>();
  return ids.map((cluster) => {
    const members = groups.get(cluster) as number[];
    const n = members.length;
    const mean = (f: (i: number) => number) => members.reduce((s, i) => s + f(i), 0) / n;
    const revenue = members.reduce((s, i) => s + (customers[i] as RfmInput).monetary, 0);
    const z = {
      recency: mean((i) => standardized[i]![0] as number),
      frequency: mean((i) => standardized[i]![1] as number),
      monetary: mean((i) => standardized[i]![2] as number),
    };
    let persona = cluster === NOISE ? 'Outliers (noise)' : personaFor(z);
    const seen = (used.get(persona) ?? 0) + 1;
    used.set(persona, seen);
    if (seen > 1) persona = `${persona} ${seen}`;
    return {
      cluster,
      persona,
      customers: n,
      customerShare: n / customers.length,
      meanRecencyDays: mean((i) => (customers[i] as RfmInput).recencyDays),
      meanFrequency: mean((i) => (customers[i] as RfmInput).frequency),
      meanMonetary: revenue / n,
      revenue,
      revenueShare: totalRevenue === 0 ? 0 : revenue / totalRevenue,
      zRecency: z.recency,
      zFrequency: z.frequency,
      zMonetary: z.monetary,
    };
  });
}
