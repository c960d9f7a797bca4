import { describe, expect, it } from 'vitest';
import { mulberry32, sampleIndices, shuffled } from '../../analytics/random.js';
import { quintileScores, RFM_SEGMENTS, scoreRfm, SEGMENT_MAP, segmentFor } from '../../analytics/rfm.js';
import { fitStandardScaler, log1pRows, signedLog1pRows, standardize } from '../../analytics/scaling.js';

describe('seeded randomness', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(mulberry32(8)()).not.toBe(first[0]);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('samples distinct sorted indices', () => {
    const s = sampleIndices(100, 10, 1);
    expect(s).toHaveLength(10);
    expect(new Set(s).size).toBe(10);
    expect(s).toEqual(s.slice().sort((x, y) => x - y));
    expect(sampleIndices(100, 10, 1)).toEqual(s);
    expect(sampleIndices(5, 10, 1)).toEqual([0, 1, 2, 3, 4]);
    expect(shuffled([1, 2, 3, 4], mulberry32(3)).sort()).toEqual([1, 2, 3, 4]);
  });
});

describe('scaling', () => {
  it('fits on training rows and applies to other rows; zero std maps to 0', () => {
    const train = [
      [1, 5],
      [3, 5],
    ];
    const params = fitStandardScaler(train);
    expect(params).toEqual({ means: [2, 5], stds: [1, 0] });
    expect(standardize([[4, 9]], params)).toEqual([[2, 0]]);
  });

  it('log1p clamps negatives; signed log keeps the sign', () => {
    expect(log1pRows([[0, Math.E - 1, -3]])).toEqual([[0, 1, 0]]);
    expect(signedLog1pRows([[-(Math.E - 1), 0]])[0]![0]).toBeCloseTo(-1, 12);
  });
});

describe('RFM', () => {
  it('quintiles: equal values always share a score', () => {
    expect(quintileScores([10, 20, 30, 40, 50])).toEqual([1, 2, 3, 4, 5]);
    // Worse-value counts 0,0,0,3,4,5,6,7,8,9 of n=10 -> 1 + floor(5c/10).
    expect(quintileScores([1, 1, 1, 2, 3, 4, 5, 6, 7, 8])).toEqual([1, 1, 1, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('scores recency inversely, sorts by id and maps segments', () => {
    const customers = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((i) => ({
      customerId: String(100 + i),
      recencyDays: i * 10, // customer 101 is the most recent
      frequency: 11 - i,
      monetary: (11 - i) * 100,
    }));
    const scored = scoreRfm(customers);
    expect(scored.map((s) => s.customerId)).toEqual(['101', '102', '103', '104', '105', '106', '107', '108', '109', '110']);
    expect(scored[0]).toMatchObject({ recencyScore: 5, frequencyScore: 5, monetaryScore: 5, fmScore: 5, rfmCell: '555', segment: 'Champions' });
    expect(scored[9]).toMatchObject({ recencyScore: 1, frequencyScore: 1, monetaryScore: 1, segment: 'Lost' });
  });

  it('segment map covers all 25 cells and all 11 segments', () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let fm = 1; fm <= 5; fm++) seen.add(segmentFor(r, fm));
    expect([...seen].sort()).toEqual([...RFM_SEGMENTS].sort());
    expect(segmentFor(5, 1)).toBe('New');
    expect(segmentFor(1, 5)).toBe('Cannot lose them');
    expect(SEGMENT_MAP[3]).toEqual(['About to sleep', 'About to sleep', 'Need attention', 'Loyal', 'Loyal']);
    expect(() => segmentFor(0, 3)).toThrow(RangeError);
  });

  it('FM score rounds half up', () => {
    // F=2 and M=3 -> 2.5 -> 3.
    const customers = [
      { customerId: 'a', recencyDays: 1, frequency: 1, monetary: 1 },
      { customerId: 'b', recencyDays: 2, frequency: 2, monetary: 2 },
      { customerId: 'c', recencyDays: 3, frequency: 2, monetary: 3 },
      { customerId: 'd', recencyDays: 4, frequency: 4, monetary: 4 },
      { customerId: 'e', recencyDays: 5, frequency: 5, monetary: 5 },
    ];
    const c = scoreRfm(customers).find((s) => s.customerId === 'c')!;
    expect([c.frequencyScore, c.monetaryScore, c.fmScore]).toEqual([2, 3, 3]);
  });
});
