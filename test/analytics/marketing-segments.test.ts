import { describe, expect, it } from 'vitest';
import { kmeansStability } from '../../analytics/cluster-stability.js';
import { selectKMeans } from '../../analytics/kmeans-selection.js';
import { chooseMarketingSegmentation, MARKETING_RULES } from '../../analytics/marketing-segments.js';
import { adjustedRandIndex } from '../../analytics/metrics.js';
import { mulberry32 } from '../../analytics/random.js';
import { scoreRfm, type RfmInput } from '../../analytics/rfm.js';

/** `centres.length` well-separated groups in log space, `size` customers each, with multiplicative jitter. */
function groups(centres: readonly { recencyDays: number; frequency: number; monetary: number }[], size: number, spread = 0.4): RfmInput[] {
  const random = mulberry32(7);
  const jitter = (v: number) => v * Math.exp((random() - 0.5) * spread);
  return centres.flatMap((g, gi) =>
    Array.from({ length: size }, (_, i) => ({
      customerId: String(1000 + i * centres.length + gi),
      recencyDays: Math.max(1, Math.round(jitter(g.recencyDays))),
      frequency: Math.max(1, Math.round(jitter(g.frequency))),
      monetary: jitter(g.monetary),
    })),
  );
}

const FIVE = [
  { recencyDays: 3, frequency: 60, monetary: 50_000 },
  { recencyDays: 20, frequency: 12, monetary: 4_000 },
  { recencyDays: 90, frequency: 4, monetary: 900 },
  { recencyDays: 250, frequency: 1, monetary: 120 },
  { recencyDays: 400, frequency: 2, monetary: 3_000 },
];

describe('adjusted Rand index', () => {
  it('is 1 for the same partition under other names and about 0 for unrelated ones', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2, 2], [5, 5, 3, 3, 9, 9])).toBe(1);
    // the textbook example (Hubert and Arabie's formula): ARI = 0.24242...
    expect(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(0.2424, 4);
    const random = mulberry32(3);
    const a = Array.from({ length: 5000 }, () => Math.floor(random() * 4));
    const b = Array.from({ length: 5000 }, () => Math.floor(random() * 4));
    expect(Math.abs(adjustedRandIndex(a, b))).toBeLessThan(0.01);
  });
});

describe('bootstrap stability', () => {
  it('is high for planted clusters and low for k that splits one blob', () => {
    const random = mulberry32(5);
    const blob = Array.from({ length: 600 }, () => [random(), random(), random()]);
    const planted = Array.from({ length: 600 }, (_, i) => [(i % 3) * 10 + random(), random(), random()]);
    const plantedLabels = planted.map((_, i) => i % 3);
    expect(kmeansStability(planted, plantedLabels, 3).meanAri).toBeGreaterThan(0.99);
    // a uniform cube cut into 8 has no preferred cut: refits disagree
    const eight = selectKMeans(blob.map((p, i) => ({ customerId: String(i), recencyDays: Math.exp(p[0]! * 5), frequency: 1 + Math.round(Math.exp(p[1]! * 4)), monetary: Math.exp(p[2]! * 8) })), { kMin: 8, kMax: 8, restarts: 1 });
    expect(eight.scores[0]!.stability).toBeLessThan(0.9);
  });
});

describe('marketing segmentation', () => {
  it('takes a K-Means k of 4-8 that meets the rules and describes every segment', () => {
    const customers = groups(FIVE, 60);
    const kmeans = selectKMeans(customers, { kMax: 8, restarts: 2 });
    for (const s of kmeans.scores) {
      expect(s.stability).toBeGreaterThan(-0.5);
      expect(s.stability).toBeLessThanOrEqual(1);
    }
    const marketing = chooseMarketingSegmentation(customers, scoreRfm(customers), kmeans);
    expect(marketing.source).toBe('kmeans');
    expect(marketing.k).toBe(5);
    expect(marketing.stability.meanAri).toBeGreaterThanOrEqual(MARKETING_RULES.minStability);
    expect(marketing.segments).toHaveLength(5);
    expect(marketing.segments.reduce((s, m) => s + m.customers, 0)).toBe(customers.length);
    expect(marketing.segments.reduce((s, m) => s + m.revenueShare, 0)).toBeCloseTo(1, 9);
    for (const m of marketing.segments) {
      expect(m.customerShare).toBeGreaterThanOrEqual(MARKETING_RULES.minShare);
      expect(m.profile).toMatch(/customers .* of net revenue/);
      expect(m.action.length).toBeGreaterThan(20);
    }
    expect(marketing.assignments.size).toBe(customers.length);
  });

  it('falls back to grouped RFM segments, says so, and merges groups under 3%', () => {
    // two groups only: no k of 4-8 is stable, so the data supports fewer clusters
    const customers = groups(FIVE.slice(0, 2), 150, 0.2);
    const kmeans = selectKMeans(customers, { kMax: 8, restarts: 1 });
    const marketing = chooseMarketingSegmentation(customers, scoreRfm(customers), kmeans);
    expect(marketing.source).toBe('rfm_groups');
    expect(marketing.reason).toMatch(/supports fewer stable clusters than 4: no K-Means k of 4-8 meets the rules/);
    expect(marketing.reason).toContain(`K-Means' statistically best k is ${kmeans.chosenK}`);
    for (const m of marketing.segments) expect(m.customerShare).toBeGreaterThanOrEqual(MARKETING_RULES.minShare);
    expect(marketing.segments.reduce((s, m) => s + m.customers, 0)).toBe(customers.length);
    expect(marketing.stability.resamples).toBeGreaterThanOrEqual(20);
  });
});
