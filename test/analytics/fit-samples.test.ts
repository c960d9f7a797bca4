import { describe, expect, it } from 'vitest';

import { fitBgNbd, type LifetimeSummary } from '../../analytics/bgnbd.js';
import { CHURN, fitModels, type Dataset } from '../../analytics/churn-model.js';
import { FEATURE_NAMES } from '../../analytics/churn-features.js';
import { selectKMeans } from '../../analytics/kmeans-selection.js';
import { fitSample, MAX_FIT_ROWS, mulberry32 } from '../../analytics/random.js';
import type { RfmInput } from '../../analytics/rfm.js';

describe('fits on stated samples beyond a size', () => {
  it('fitSample keeps small inputs whole and otherwise draws a fixed-seed sample in the original order', () => {
    const rows = Array.from({ length: 1_000 }, (_, i) => i);
    expect(fitSample(rows, 1_000)).toBe(rows);
    const sample = fitSample(rows, 100);
    expect(sample).toHaveLength(100);
    expect([...sample].sort((a, b) => a - b)).toEqual(sample);
    expect(new Set(sample).size).toBe(100);
    expect(fitSample(rows, 100)).toEqual(sample);
    expect(fitSample(rows, 100, 7)).not.toEqual(sample);
  });

  it('K-Means chooses k on the sample and gives every customer the nearest centroid', () => {
    const random = mulberry32(3);
    const centres = [
      { recencyDays: 5, frequency: 40, monetary: 20_000 },
      { recencyDays: 300, frequency: 1, monetary: 80 },
    ];
    const customers: RfmInput[] = Array.from({ length: 400 }, (_, i) => {
      const c = centres[i % 2]!;
      const jitter = (v: number) => v * Math.exp((random() - 0.5) * 0.3);
      return { customerId: String(10_000 + i), recencyDays: Math.round(jitter(c.recencyDays)), frequency: Math.max(1, Math.round(jitter(c.frequency))), monetary: jitter(c.monetary) };
    });
    const sampled = selectKMeans(customers, { kMax: 5, restarts: 1, fitSample: 100 });
    expect(sampled.reason).toContain('fixed-seed sample of 100 of 400 customers');
    expect(sampled.chosenK).toBe(2);
    expect(sampled.assignments).toHaveLength(400);
    // Both groups whole: every customer with the others of its group.
    const cluster = new Map(sampled.assignments.map((a) => [a.customerId, a.cluster]));
    for (const parity of [0, 1]) expect(new Set(customers.filter((_, i) => i % 2 === parity).map((c) => cluster.get(c.customerId))).size).toBe(1);
    expect(sampled.profiles.reduce((s, p) => s + p.customers, 0)).toBe(400);
    expect(selectKMeans(customers, { kMax: 5, restarts: 1, fitSample: 1_000 }).reason).not.toContain('sample of');
  });

  it('the forest and the logistic regression train on at most maxFitRows rows', () => {
    const random = mulberry32(5);
    const rows = Array.from({ length: 300 }, () => FEATURE_NAMES.map(() => random() * 10));
    const labels = rows.map((r) => ((r[0] as number) > 5 ? 1 : 0));
    const data: Dataset = { cutoff: new Date(0), labels, table: { asOf: new Date(0), customerIds: rows.map((_, i) => String(i)), names: FEATURE_NAMES, rows } };
    const options = { forest: { trees: 5 }, seed: 1 };
    expect(fitModels(data, CHURN, { ...options, maxFitRows: 100 }).forest.outOfBag).toHaveLength(100);
    expect(fitModels(data, CHURN, options).forest.outOfBag).toHaveLength(300);
  });

  it(`BG/NBD fits the fixed-seed sample past ${MAX_FIT_ROWS.toLocaleString('en-GB')} customers`, () => {
    const random = mulberry32(9);
    const customers: LifetimeSummary[] = Array.from({ length: MAX_FIT_ROWS + 5_000 }, (_, i) => {
      const age = 30 + Math.floor(random() * 300);
      const frequency = Math.floor(random() * 6);
      return { customerId: String(i), frequency, recency: frequency ? Math.floor(random() * age) : 0, age, meanRepeatSpend: frequency ? 10 + random() * 100 : 0 };
    });
    expect(fitBgNbd(customers).params).toEqual(fitBgNbd(fitSample(customers)).params);
  });
});
