/**
 * DBSCAN on a few thousand points in a few dimensions, with eps read off the k-distance curve.
 *
 * Neighbour search sweeps the points in order of their first coordinate: a point whose first
 * coordinate alone is farther than the distance sought cannot be a neighbour, and neither can any
 * point beyond it, so each search stops early. The distances computed are exactly those of a brute
 * force search (same formula, same order of terms), so results do not depend on the sweep. The worst
 * case still grows with n^2; beyond ~20,000 points, cluster a fixed-seed sample instead.
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

/**
 * Point indices sorted by first coordinate (ties by index), each point's position in that order, and
 * the first coordinates in that order (all 0 without dimensions, where every distance is 0).
 */
function sweepOrder(data: Float64Array, dims: number, n: number): { order: Int32Array; position: Int32Array; x: Float64Array } {
  const first = (i: number) => (dims > 0 ? (data[i * dims] as number) : 0);
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => first(a) - first(b) || a - b);
  const position = new Int32Array(n);
  const x = new Float64Array(n);
  order.forEach((i, p) => {
    position[i] = p;
    x[p] = first(i);
  });
  return { order, position, x };
}

/** The first-coordinate term of squaredDistance, computed the same way: never more than the whole sum. */
function gapSquared(a: number, b: number): number {
  const diff = a - b;
  return diff * diff;
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
  const { order, position, x } = sweepOrder(data, dims, n);
  // Keep the `others` smallest squared distances in a small sorted buffer (k is small).
  const offer = (i: number, j: number) => {
    const dist = squaredDistance(data, dims, i, j);
    if (dist >= (nearest[others - 1] as number)) return;
    let pos = others - 1;
    while (pos > 0 && (nearest[pos - 1] as number) > dist) {
      nearest[pos] = nearest[pos - 1] as number;
      pos--;
    }
    nearest[pos] = dist;
  };
  for (let i = 0; i < n; i++) {
    if (others === 0) {
      result[i] = 0;
      continue;
    }
    nearest.fill(Number.POSITIVE_INFINITY);
    // Walk outwards from the point in first-coordinate order; a side is done once the gap in that
    // coordinate alone reaches the current k-th distance (a sum of squares is never below one term).
    const p = position[i] as number;
    const xi = x[p] as number;
    let lo = p - 1;
    let hi = p + 1;
    let loOpen = lo >= 0;
    let hiOpen = hi < n;
    while (loOpen || hiOpen) {
      if (loOpen) {
        if (gapSquared(xi, x[lo] as number) >= (nearest[others - 1] as number)) loOpen = false;
        else {
          offer(i, order[lo] as number);
          loOpen = --lo >= 0;
        }
      }
      if (hiOpen) {
        if (gapSquared(xi, x[hi] as number) >= (nearest[others - 1] as number)) hiOpen = false;
        else {
          offer(i, order[hi] as number);
          hiOpen = ++hi < n;
        }
      }
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
 * DBSCAN: a point with at least minPts points (itself included) within eps is a core point; clusters
 * are the core points connected through such neighbourhoods plus the border points they reach; the
 * rest is noise (-1). Points are visited in index order, so results are deterministic; clusters are
 * then renumbered by size (callers may renumber again, e.g. by spend).
 */
export function dbscan(points: readonly (readonly number[])[], eps: number, minPts: number): DbscanResult {
  const { data, dims } = flatten(points);
  const n = points.length;
  const eps2 = eps * eps;
  const sweep = sweepOrder(data, dims, n);
  // The points within eps, in index order as a full scan would list them.
  const neighbours = (i: number): number[] => {
    const found: number[] = [];
    const { order, position, x } = sweep;
    const p = position[i] as number;
    const xi = x[p] as number;
    // A point whose first coordinate alone is more than eps away is out, and so is every point beyond it.
    for (let q = p; q >= 0 && gapSquared(xi, x[q] as number) <= eps2; q--) {
      const j = order[q] as number;
      if (squaredDistance(data, dims, i, j) <= eps2) found.push(j);
    }
    for (let q = p + 1; q < n && gapSquared(xi, x[q] as number) <= eps2; q++) {
      const j = order[q] as number;
      if (squaredDistance(data, dims, i, j) <= eps2) found.push(j);
    }
    return found.sort((a, b) => a - b);
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
