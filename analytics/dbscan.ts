/**
 * DBSCAN on a few thousand points in a few dimensions, with eps read off the k-distance curve.
 *
 * Neighbour search is brute force over a flat Float64Array: for the 4,339 customers that is about
 * 19 million squared distances in 3 dimensions per pass, roughly 0.1 s, so a spatial index would add
 * code without a noticeable gain. The cost grows with n^2; beyond ~20,000 points, cluster a
 * fixed-seed sample instead.
 */
import { NOISE } from './cluster-profiles.js';

export interface DbscanResult {
  /** Cluster per point: 0..clusters-1 numbered by size descending (ties: first member's index); -1 = noise. */
  labels: number[];
  clusters: number;
  noise: number;
  eps: number;
  minPts: number;
}

function flatten(points: readonly (readonly number[])[]): { data: Float64Array; dims: number } {
  const dims = points[0]?.length ?? 0;
  const data = new Float64Array(points.length * dims);
  points.forEach((p, i) => p.forEach((v, d) => (data[i * dims + d] = v)));
  return { data, dims };
}

function squaredDistance(data: Float64Array, dims: number, i: number, j: number): number {
  let sum = 0;
  for (let d = 0; d < dims; d++) {
    const diff = (data[i * dims + d] as number) - (data[j * dims + d] as number);
    sum += diff * diff;
  }
  return sum;
}

/**
 * The distance from each point to its k-th nearest neighbour, counting the point itself as the first
 * (as a nearest-neighbour query on the training set returns it), returned sorted ascending: the
 * k-distance curve. With k = minPts, a point is a core point exactly when its k-distance <= eps.
 */
export function kDistances(points: readonly (readonly number[])[], k: number): number[] {
  const { data, dims } = flatten(points);
  const n = points.length;
  const others = k - 1; // the point itself is the first neighbour
  const result = new Array<number>(n);
  const nearest = new Float64Array(Math.max(others, 1));
  for (let i = 0; i < n; i++) {
    if (others === 0) {
      result[i] = 0;
      continue;
    }
    // Keep the `others` smallest squared distances in a small sorted buffer (k is small).
    nearest.fill(Number.POSITIVE_INFINITY);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const dist = squaredDistance(data, dims, i, j);
      if (dist >= (nearest[others - 1] as number)) continue;
      let pos = others - 1;
      while (pos > 0 && (nearest[pos - 1] as number) > dist) {
        nearest[pos] = nearest[pos - 1] as number;
        pos--;
      }
      nearest[pos] = dist;
    }
    result[i] = Math.sqrt(nearest[others - 1] as number);
  }
  return result.sort((a, b) => a - b);
}

/**
 * The knee of an ascending curve: the point farthest from the straight line (chord) joining its first
 * and last points, after scaling both axes to [0, 1]. Returns the index and the value there.
 */
export function kneeOfCurve(sortedValues: readonly number[]): { index: number; value: number } {
  const n = sortedValues.length;
  if (n === 0) throw new RangeError('empty curve');
  const first = sortedValues[0] as number;
  const last = sortedValues[n - 1] as number;
  const span = last - first;
  if (n < 3 || span === 0) return { index: 0, value: first };
  let best = { index: 0, distance: -1 };
  for (let i = 0; i < n; i++) {
    const x = i / (n - 1);
    const y = ((sortedValues[i] as number) - first) / span;
    // The chord is y = x after scaling; the distance to it is |x - y| / sqrt(2), so compare |x - y|.
    const distance = Math.abs(x - y);
    if (distance > best.distance) best = { index: i, distance };
  }
  return { index: best.index, value: sortedValues[best.index] as number };
}

/**
 * eps for DBSCAN from the knee of the k-distance curve with k = minPts.
 */
export function chooseEps(points: readonly (readonly number[])[], minPts: number): number {
  return kneeOfCurve(kDistances(points, minPts)).value;
}

/**
 * DBSCAN: a point with at least minPts points (itself included) within eps is a core point; clusters
 * are the core points connected through such neighbourhoods plus the border points they reach; the
 * rest is noise (-1). Points are visited in index order, so results are deterministic; clusters are
 * then renumbered by size (callers may renumber again, e.g. by spend).
 */
export function dbscan(points: readonly (readonly number[])[], eps: number, minPts: number): DbscanResult {
  const { data, dims } = flatten(points);
  const n = points.length;
  const eps2 = eps * eps;
  const neighbours = (i: number): number[] => {
    const found: number[] = [];
    for (let j = 0; j < n; j++) if (squaredDistance(data, dims, i, j) <= eps2) found.push(j);
    return found;
  };
  const UNVISITED = -2;
  const labels = new Array<number>(n).fill(UNVISITED);
  let cluster = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] !== UNVISITED) continue;
    const seeds = neighbours(i);
    if (seeds.length < minPts) {
      labels[i] = NOISE;
      continue;
    }
    labels[i] = cluster;
    // A point is claimed for the cluster when first reached, so it is queued (and expanded) once.
    const queue: number[] = [];
    const claim = (j: number) => {
      if (labels[j] === NOISE) labels[j] = cluster; // a border point: reached, never expanded
      else if (labels[j] === UNVISITED) {
        labels[j] = cluster;
        queue.push(j);
      }
    };
    seeds.forEach(claim);
    for (let q = 0; q < queue.length; q++) {
      const around = neighbours(queue[q] as number);
      if (around.length >= minPts) around.forEach(claim);
    }
    cluster++;
  }
  const sizes = new Map<number, { size: number; first: number }>();
  labels.forEach((l, i) => {
    if (l === NOISE) return;
    const s = sizes.get(l) ?? { size: 0, first: i };
    s.size++;
    sizes.set(l, s);
  });
  const order = [...sizes.entries()].sort(([, a], [, b]) => b.size - a.size || a.first - b.first).map(([l]) => l);
  const rename = new Map(order.map((l, i) => [l, i]));
  const renamed = labels.map((l) => (l === NOISE ? NOISE : (rename.get(l) as number)));
  return { labels: renamed, clusters: order.length, noise: renamed.filter((l) => l === NOISE).length, eps, minPts };
}
