/**
 * Seeded pseudo-random numbers. Every random step in the analytics (sampling, bootstrap, feature
 * sub-sampling, permutations) draws from here so that the same input and seed give the same output.
 */

/** A generator of uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: a 32-bit state generator. Statistically adequate for sampling and bagging, tiny and
 * fast; not for cryptography.
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, n). */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}

/** Shuffles a copy of `items` (Fisher-Yates). */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    const tmp = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = tmp;
  }
  return copy;
}

/**
 * `size` distinct indices out of 0..n-1 drawn without replacement, returned in ascending order
 * (all of them when size >= n). Used to sample points for the silhouette score.
 */
export function sampleIndices(n: number, size: number, seed: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (size >= n) return all;
  const random = mulberry32(seed);
  // Partial Fisher-Yates: only the first `size` positions need to be drawn.
  for (let i = 0; i < size; i++) {
    const j = i + randomInt(random, n - i);
    const tmp = all[i] as number;
    all[i] = all[j] as number;
    all[j] = tmp;
  }
  return all.slice(0, size).sort((a, b) => a - b);
}

/**
 * Fits whose cost grows with the rows work on at most `max` of them: beyond that, a fixed-seed sample
 * in the original order; at or below it, the rows themselves (so small data sets are unaffected).
 */
export const MAX_FIT_ROWS = 50_000;

export function fitSample<T>(rows: readonly T[], max = MAX_FIT_ROWS, seed = 42): readonly T[] {
  return rows.length <= max ? rows : sampleIndices(rows.length, max, seed).map((i) => rows[i] as T);
}
