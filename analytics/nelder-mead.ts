/**
 * Nelder-Mead simplex minimisation: derivative-free, adequate for the 3-4 parameter likelihoods of
 * the lifetime-value models. Deterministic: the same start gives the same path.
 */

export interface NelderMeadOptions {
  /** Initial step along each axis; default 0.5 (the models work on log parameters). */
  step?: number;
  maxIterations?: number;
  /** Stop when the spread of function values across the simplex falls below this; default 1e-9. */
  tolerance?: number;
}

export interface NelderMeadResult {
  x: number[];
  value: number;
  iterations: number;
  converged: boolean;
}

/**
 * Minimises `f` from `start` with the standard coefficients (reflection 1, expansion 2, contraction
 * 0.5, shrink 0.5). A non-finite value counts as +Infinity, so `f` may reject invalid regions.
 */
export function nelderMead(f: (x: number[]) => number, start: readonly number[], options: NelderMeadOptions = {}): NelderMeadResult {
  const { step = 0.5, maxIterations = 2000, tolerance = 1e-9 } = options;
  const n = start.length;
  const value = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  let simplex = [start.slice(), ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))];
  let values = simplex.map(value);
  const combine = (a: number[], b: number[], t: number) => a.map((v, i) => v + t * ((b[i] as number) - v));
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const order = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
    simplex = order.map((i) => simplex[i] as number[]);
    values = order.map((i) => values[i] as number);
    const best = values[0] as number;
    const worst = values[n] as number;
    if (Number.isFinite(worst) && Math.abs(worst - best) <= tolerance * (Math.abs(best) + tolerance)) {
      converged = true;
      break;
    }
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let d = 0; d < n; d++) centroid[d]! += (simplex[i]![d] as number) / n;
    const worstPoint = simplex[n] as number[];
    const reflected = combine(centroid, worstPoint, -1);
    const fr = value(reflected);
    if (fr < best) {
      const expanded = combine(centroid, worstPoint, -2);
      const fe = value(expanded);
      [simplex[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < (values[n - 1] as number)) {
      [simplex[n], values[n]] = [reflected, fr];
    } else {
      const outside = fr < worst;
      const contracted = combine(centroid, worstPoint, outside ? -0.5 : 0.5);
      const fc = value(contracted);
      if (fc < (outside ? fr : worst)) {
        [simplex[n], values[n]] = [contracted, fc];
      } else {
        const bestPoint = simplex[0] as number[];
        for (let i = 1; i <= n; i++) {
          simplex[i] = combine(bestPoint, simplex[i] as number[], 0.5);
          values[i] = value(simplex[i] as number[]);
        }
      }
    }
  }
  const bestIndex = values.indexOf(Math.min(...values));
  return { x: simplex[bestIndex] as number[], value: values[bestIndex] as number, iterations, converged };
}
