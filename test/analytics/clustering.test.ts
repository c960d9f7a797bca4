import { describe, expect, it } from 'vitest';
import { NOISE, personaFor } from '../../analytics/cluster-profiles.js';
import { dbscan, kDistances, kneeOfCurve } from '../../analytics/dbscan.js';
import { segmentWithDbscan } from '../../analytics/dbscan-segmentation.js';
import { selectKMeans } from '../../analytics/kmeans-selection.js';
import { mulberry32 } from '../../analytics/random.js';
import type { RfmInput } from '../../analytics/rfm.js';

/** Three well-separated groups in log space, 40 customers each, with multiplicative jitter. */
function threeGroups(): RfmInput[] {
  const random = mulberry32(11);
  const jitter = (v: number) => v * Math.exp((random() - 0.5) * 0.4);
  const groups = [
    { recencyDays: 5, frequency: 40, monetary: 20_000 },
    { recencyDays: 60, frequency: 5, monetary: 1_000 },
    { recencyDays: 300, frequency: 1, monetary: 80 },
  ];
  return groups.flatMap((g, gi) =>
    Array.from({ length: 40 }, (_, i) => ({
      customerId: String(1000 + i * 3 + gi),
      recencyDays: Math.round(jitter(g.recencyDays)),
      frequency: Math.max(1, Math.round(jitter(g.frequency))),
      monetary: jitter(g.monetary),
    })),
  );
}

describe('K-Means selection', () => {
  const customers = threeGroups();
  const result = selectKMeans(customers, { kMax: 6 });

  it('scores every k and picks the planted k by silhouette', () => {
    expect(result.scores.map((s) => s.k)).toEqual([2, 3, 4, 5, 6]);
    expect(result.chosenK).toBe(3);
    expect(result.reason).toMatch(/^k=3 has the highest silhouette/);
    const best = Math.max(...result.scores.map((s) => s.silhouette));
    expect(result.scores.find((s) => s.k === 3)!.silhouette).toBe(best);
    // Inertia falls as k grows.
    for (let i = 1; i < result.scores.length; i++) expect(result.scores[i]!.inertia).toBeLessThan(result.scores[i - 1]!.inertia);
  });

  it('numbers clusters by mean monetary value and names them uniquely', () => {
    expect(result.profiles.map((p) => p.cluster)).toEqual([0, 1, 2]);
    const means = result.profiles.map((p) => p.meanMonetary);
    expect(means).toEqual(means.slice().sort((a, b) => b - a));
    expect(result.profiles.map((p) => p.customers)).toEqual([40, 40, 40]);
    expect(new Set(result.profiles.map((p) => p.persona)).size).toBe(3);
    expect(result.profiles[0]!.persona).toBe('High-value loyal');
    expect(result.profiles.reduce((s, p) => s + p.revenueShare, 0)).toBeCloseTo(1, 12);
    // Customer 1000 is in the big-spender group.
    expect(result.assignments.find((a) => a.customerId === '1000')!.cluster).toBe(0);
    expect(result.assignments.map((a) => Number(a.customerId))).toEqual(customers.map((c) => Number(c.customerId)).sort((a, b) => a - b));
  });

  it('is deterministic', () => {
    const again = selectKMeans(threeGroups().reverse(), { kMax: 6 });
    expect(again.scores).toEqual(result.scores);
    expect(again.assignments).toEqual(result.assignments);
  });

  it('persona rules', () => {
    expect(personaFor({ recency: -1, frequency: 1, monetary: 1 })).toBe('High-value loyal');
    expect(personaFor({ recency: -1, frequency: 0, monetary: 1 })).toBe('Recent big spenders');
    expect(personaFor({ recency: 1, frequency: 0, monetary: 1 })).toBe('Lapsed big spenders');
    expect(personaFor({ recency: 1, frequency: -1, monetary: -1 })).toBe('Lapsed low spenders');
    expect(personaFor({ recency: 0, frequency: 0, monetary: 0 })).toBe('Occasional mid spenders');
  });
});

describe('DBSCAN', () => {
  it('k-distances count the point itself as the first neighbour', () => {
    // Points 0, 1, 3 with k=2: nearest other point at 1, 1, 2.
    expect(kDistances([[0], [1], [3]], 2)).toEqual([1, 1, 2]);
  });

  it('knee = farthest point from the chord of the scaled curve', () => {
    // Scaled: x = 0, .25, .5, .75, 1; y = 0, .02, .04, .06, 1; |x - y| is largest at index 3.
    expect(kneeOfCurve([0, 0.1, 0.2, 0.3, 5])).toEqual({ index: 3, value: 0.3 });
  });

  it('finds dense groups, marks isolated points as noise', () => {
    const result = dbscan([[0], [0.1], [0.2], [5], [5.1], [5.2], [10]], 0.15, 2);
    expect(result.labels).toEqual([0, 0, 0, 1, 1, 1, NOISE]);
    expect([result.clusters, result.noise]).toEqual([2, 1]);
  });

  it('turns a point first seen as noise into a border point when a core point reaches it', () => {
    // minPts 3, eps 0.15: 0 has 2 neighbours (not core) but 0.1 is core and reaches it; 0.32 is a border of 0.2.
    expect(dbscan([[0], [0.1], [0.2], [0.32]], 0.15, 3).labels).toEqual([0, 0, 0, 0]);
  });

  it('segments customers with noise as its own group', () => {
    const customers = threeGroups();
    customers.push({ customerId: '9999', recencyDays: 1, frequency: 500, monetary: 5_000_000 });
    const result = segmentWithDbscan(customers);
    expect(result.minPts).toBe(6);
    expect(result.eps).toBeGreaterThan(0);
    expect(result.assignments.find((a) => a.customerId === '9999')!.cluster).toBe(NOISE);
    const noise = result.profiles[result.profiles.length - 1]!;
    expect(noise).toMatchObject({ cluster: NOISE, persona: 'Outliers (noise)' });
    expect(result.profiles.reduce((s, p) => s + p.customers, 0)).toBe(customers.length);
    expect(result.clusters).toBeGreaterThanOrEqual(3);
  });

  it('beyond maxPoints clusters a fixed-seed sample and gives every other customer the nearest sampled cluster within eps', () => {
    const customers = threeGroups();
    customers.push({ customerId: '9999', recencyDays: 1, frequency: 500, monetary: 5_000_000 });
    const full = segmentWithDbscan(customers);
    const sampled = segmentWithDbscan(customers, { maxPoints: 60 });
    expect(sampled.reason).toContain('fixed-seed sample of 60 of 121 customers');
    expect(sampled.kDistanceCurve).toHaveLength(60);
    expect(sampled.assignments).toHaveLength(customers.length);
    // No cluster mixes two groups, and most customers of each group are clustered.
    const clusterOf = new Map(sampled.assignments.map((a) => [a.customerId, a.cluster]));
    const groupOf = (id: string) => (Number(id) - 1000) % 3;
    const groupsPerCluster = new Map<number, Set<number>>();
    for (const c of customers.filter((c) => c.customerId !== '9999')) {
      const cluster = clusterOf.get(c.customerId) as number;
      if (cluster !== NOISE) groupsPerCluster.set(cluster, (groupsPerCluster.get(cluster) ?? new Set()).add(groupOf(c.customerId)));
    }
    for (const groups of groupsPerCluster.values()) expect(groups.size).toBe(1);
    expect(new Set([...groupsPerCluster.values()].flatMap((g) => [...g])).size).toBe(3);
    expect(sampled.assignments.filter((a) => a.cluster !== NOISE).length).toBeGreaterThan(customers.length * 0.8);
    expect(clusterOf.get('9999')).toBe(NOISE);
    expect(sampled.noise).toBe(sampled.assignments.filter((a) => a.cluster === NOISE).length);
    expect(segmentWithDbscan(customers, { maxPoints: 60 })).toEqual(sampled); // fixed seed
    expect(segmentWithDbscan(customers, { maxPoints: 1_000 })).toEqual(full); // under the limit: no sample
  });
});
