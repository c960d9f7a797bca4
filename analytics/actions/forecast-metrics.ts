/** Accuracy measures of point forecasts and prediction intervals, on plain arrays of equal length. */

function checkLengths(actual: readonly number[], forecast: readonly number[]): void {
  if (actual.length !== forecast.length) throw new RangeError(`actual (${actual.length}) and forecast (${forecast.length}) differ in length`);
}

/** Mean absolute error; NaN for empty input. */
export function meanAbsoluteError(actual: readonly number[], forecast: readonly number[]): number {
  checkLengths(actual, forecast);
  if (!actual.length) return Number.NaN;
  return actual.reduce((s, a, i) => s + Math.abs(a - (forecast[i] as number)), 0) / actual.length;
}

/**
 * Symmetric MAPE in percent (0-200): mean of 200 x |F - A| / (|A| + |F|). A step where forecast and
 * actual are both 0 is a perfect forecast and counts 0 (the formula would divide by zero). NaN for empty input.
 */
export function symmetricMape(actual: readonly number[], forecast: readonly number[]): number {
  checkLengths(actual, forecast);
  if (!actual.length) return Number.NaN;
  let sum = 0;
  actual.forEach((a, i) => {
    const f = forecast[i] as number;
    const denominator = Math.abs(a) + Math.abs(f);
    sum += denominator === 0 ? 0 : (200 * Math.abs(f - a)) / denominator;
  });
  return sum / actual.length;
}

/** Root mean square of values (0 for none): the one-step error scale of a fitted method. */
export function rootMeanSquare(values: readonly number[]): number {
  return values.length ? Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length) : 0;
}

/** Share of actuals inside [lower, upper] (bounds included); NaN for empty input. */
export function intervalCoverage(actual: readonly number[], lower: readonly number[], upper: readonly number[]): number {
  checkLengths(actual, lower);
  checkLengths(actual, upper);
  if (!actual.length) return Number.NaN;
  return actual.filter((a, i) => a >= (lower[i] as number) && a <= (upper[i] as number)).length / actual.length;
}
