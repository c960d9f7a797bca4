import { RFM_SEGMENTS } from '../schemas/vocabulary.js';
import { compareIds } from './ids.js';

/** One customer's recency (days since last purchase), frequency (orders) and monetary value. */
export interface RfmInput {
  customerId: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
}

export { RFM_SEGMENTS };
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

export interface RfmScore extends RfmInput {
  /** 1..5, 5 = most recent. */
  recencyScore: number;
  /** 1..5, 5 = most orders. */
  frequencyScore: number;
  /** 1..5, 5 = highest spend. */
  monetaryScore: number;
  /** round-half-up of (frequencyScore + monetaryScore) / 2, 1..5. */
  fmScore: number;
  /** e.g. "545": recency, frequency, monetary digits. */
  rfmCell: string;
  segment: RfmSegment;
}

/**
 * Segment by recency score (rows, 5 first) and FM score (columns 1..5). Read as: recent customers
 * who buy often and spend much are Champions; customers who used to buy much but have not come back
 * are "Cannot lose them"; low on both axes is Lost.
 *
 * | R \ FM | 1              | 2                   | 3                   | 4                | 5                |
 * |--------|----------------|---------------------|---------------------|------------------|------------------|
 * | 5      | New            | Potential loyalists | Potential loyalists | Champions        | Champions        |
 * | 4      | Promising      | Potential loyalists | Potential loyalists | Loyal            | Champions        |
 * | 3      | About to sleep | About to sleep      | Need attention      | Loyal            | Loyal            |
 * | 2      | Hibernating    | Hibernating         | At risk             | At risk          | Cannot lose them |
 * | 1      | Lost           | Lost                | At risk             | Cannot lose them | Cannot lose them |
 */
export const SEGMENT_MAP: Readonly<Record<number, readonly RfmSegment[]>> = {
  5: ['New', 'Potential loyalists', 'Potential loyalists', 'Champions', 'Champions'],
  4: ['Promising', 'Potential loyalists', 'Potential loyalists', 'Loyal', 'Champions'],
  3: ['About to sleep', 'About to sleep', 'Need attention', 'Loyal', 'Loyal'],
  2: ['Hibernating', 'Hibernating', 'At risk', 'At risk', 'Cannot lose them'],
  1: ['Lost', 'Lost', 'At risk', 'Cannot lose them', 'Cannot lose them'],
};

/** The segment for a recency score and an FM score (both 1..5). */
export function segmentFor(recencyScore: number, fmScore: number): RfmSegment {
  const row = SEGMENT_MAP[recencyScore];
  const segment = row?.[fmScore - 1];
  if (!segment) throw new RangeError(`scores out of range: R=${recencyScore}, FM=${fmScore}`);
  return segment;
}

/**
 * Quintile scores 1..5 where "better" means larger `values`. Tie rule: equal values always get the
 * same score. A value's score is 1 + floor(5 x (number of customers with a strictly worse value) / n),
 * so a quintile boundary never splits a tie; the price is that quintiles can be unequal in size (e.g.
 * all one-order customers share frequency score 1 even when they are more than a fifth of the base).
 */
export function quintileScores(values: readonly number[]): number[] {
  const n = values.length;
  const sorted = values.slice().sort((a, b) => a - b);
  const worseCount = new Map<number, number>();
  sorted.forEach((v, i) => {
    if (!worseCount.has(v)) worseCount.set(v, i);
  });
  return values.map((v) => 1 + Math.floor((5 * (worseCount.get(v) as number)) / n));
}

/**
 * RFM scores and segments for every customer, sorted by customer id. Recency is scored so that
 * fewer days since the last purchase gives a higher score.
 */
export function scoreRfm(customers: readonly RfmInput[]): RfmScore[] {
  const sorted = customers.slice().sort((a, b) => compareIds(a.customerId, b.customerId));
  const r = quintileScores(sorted.map((c) => -c.recencyDays));
  const f = quintileScores(sorted.map((c) => c.frequency));
  const m = quintileScores(sorted.map((c) => c.monetary));
  return sorted.map((c, i) => {
    const recencyScore = r[i] as number;
    const frequencyScore = f[i] as number;
    const monetaryScore = m[i] as number;
    const fmScore = Math.floor((frequencyScore + monetaryScore) / 2 + 0.5);
    return {
      ...c,
      recencyScore,
      frequencyScore,
      monetaryScore,
      fmScore,
      rfmCell: `${recencyScore}${frequencyScore}${monetaryScore}`,
      segment: segmentFor(recencyScore, fmScore),
    };
  });
}
