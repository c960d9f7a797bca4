/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS). The design is small (a few
 * thousand rows, about twenty features), so an exact Newton step per iteration converges in ~10
 * iterations without a learning rate to tune. Inputs should already be standardized; the intercept
 * is not penalised.
 */

export interface LogisticOptions {
  /** L2 penalty on the weights (the intercept is free); default 1. */
  l2?: number;
  maxIterations?: number;
  /** Stop when the largest coefficient change is below this; default 1e-8. */
  tolerance?: number;
}

export interface LogisticModel {
  intercept: number;
  weights: number[];
  iterations: number;
  converged: boolean;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Solves A x = b (A symmetric positive definite here) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    if (Math.abs(p) < 1e-300) throw new RangeError('singular system in logistic regression');
    for (let r = col + 1; r < n; r++) {
      const factor = m[r]![col]! / p;
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) m[r]![c]! -= factor * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r]![n]!;
    for (let c = r + 1; c < n; c++) sum -= m[r]![c]! * x[c]!;
    x[r] = sum / m[r]![r]!;
  }
  return x;
}

/** Fits P(y = 1 | x) = sigmoid(intercept + w . x) minimising log loss + l2/2 |w|^2. */
export function fitLogistic(rows: readonly (readonly number[])[], labels: readonly number[], options: LogisticOptions = {}): LogisticModel {
  const { l2 = 1, maxIterations = 50, tolerance = 1e-8 } = options;
  const d = (rows[0]?.length ?? 0) + 1; // coefficient 0 is the intercept
  const beta = new Array<number>(d).fill(0);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    iterations++;
    const gradient = new Array<number>(d).fill(0);
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    rows.forEach((row, i) => {
      let z = beta[0] as number;
      for (let j = 1; j < d; j++) z += (beta[j] as number) * (row[j - 1] as number);
      const p = sigmoid(z);
      const w = Math.max(p * (1 - p), 1e-12);
      const residual = p - (labels[i] === 1 ? 1 : 0);
      for (let j = 0; j < d; j++) {
        const xj = j === 0 ? 1 : (row[j - 1] as number);
        gradient[j]! += residual * xj;
        for (let k = j; k < d; k++) hessian[j]![k]! += w * xj * (k === 0 ? 1 : (row[k - 1] as number));
      }
    });
    for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) hessian[j]![k] = hessian[k]![j]!;
    for (let j = 1; j < d; j++) {
      gradient[j]! += l2 * (beta[j] as number);
      hessian[j]![j]! += l2;
    }
    const step = solve(hessian, gradient);
    let largest = 0;
    step.forEach((s, j) => {
      beta[j]! -= s;
      largest = Math.max(largest, Math.abs(s));
    });
    converged = largest < tolerance;
  }
  return { intercept: beta[0] as number, weights: beta.slice(1), iterations, converged };
}

/** P(y = 1) for each row. */
export function predictLogistic(model: LogisticModel, rows: readonly (readonly number[])[]): number[] {
  return rows.map((row) => sigmoid(model.weights.reduce((z, w, j) => z + w * (row[j] as number), model.intercept)));
}
