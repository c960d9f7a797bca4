import { FORECAST_METHODS, SERIES_TYPES } from '../../schemas/vocabulary.js';

export { FORECAST_METHODS, SERIES_TYPES };

/**
 * Forecasting methods for weekly series: simple ones for any length, and two with a yearly season
 * (seasonal naive, additive Holt-Winters) once a series is long enough to hold a season and some
 * weeks to learn from. Each method is fitted on a series and returns point forecasts for any horizon
 * plus its one-step-ahead in-sample errors, from which prediction intervals are sized.
 * Holt-Winters is written here: no maintained npm package offers exponential smoothing with a season.
 */

export type ForecastMethod = (typeof FORECAST_METHODS)[number];

/** Weeks in the yearly season. */
export const SEASON_WEEKS = 52;
/** Fitting weeks a seasonal method needs: one season to start from and two months to learn from. */
export const SEASONAL_MIN_WEEKS = 60;
const SEASONAL: ReadonlySet<ForecastMethod> = new Set(['seasonal_naive', 'holt_winters']);
const HW_GAMMAS = [0.05, 0.1, 0.2, 0.3];

/** Weeks of history a method needs to be fitted. */
export function minimumWeeks(method: ForecastMethod): number {
  return SEASONAL.has(method) ? SEASONAL_MIN_WEEKS : 2;
}

export function isSeasonal(method: ForecastMethod): boolean {
  return SEASONAL.has(method);
}

export type SeriesType = (typeof SERIES_TYPES)[number];

/** Weeks averaged by the moving average. */
export const MOVING_AVERAGE_WEEKS = 4;
/** Damping of the Holt trend: a trend fades instead of running on for the whole horizon. */
export const HOLT_DAMPING = 0.9;
const SES_ALPHAS = Array.from({ length: 19 }, (_, i) => Math.round((i + 1) * 5) / 100); // 0.05 .. 0.95
const HOLT_ALPHAS = Array.from({ length: 9 }, (_, i) => (i + 1) / 10); // 0.1 .. 0.9
const HOLT_BETAS = [0.05, 0.1, 0.2, 0.3];

export interface FittedForecast {
  method: ForecastMethod;
  /** One-step-ahead in-sample errors (actual - forecast). */
  residuals: number[];
  /** Point forecasts for 1..horizon steps after the last observation. */
  forecast(horizon: number): number[];
  /** Fitted parameters in words, e.g. "alpha=0.3"; null when the method has none. */
  parameters: string | null;
}

function last(y: readonly number[]): number {
  return y.length ? (y[y.length - 1] as number) : 0;
}

function mean(values: readonly number[]): number {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
}

function sumOfSquares(values: readonly number[]): number {
  return values.reduce((s, v) => s + v * v, 0);
}

/** Tomorrow = today. */
export function naive(y: readonly number[]): FittedForecast {
  const residuals = y.slice(1).map((v, i) => v - (y[i] as number));
  return { method: 'naive', residuals, parameters: null, forecast: (h) => new Array<number>(h).fill(last(y)) };
}

/** The mean of the last `window` observations (fewer at the start of the series). */
export function movingAverage(y: readonly number[], window = MOVING_AVERAGE_WEEKS): FittedForecast {
  const residuals: number[] = [];
  for (let t = 1; t < y.length; t++) residuals.push((y[t] as number) - mean(y.slice(Math.max(0, t - window), t)));
  const level = mean(y.slice(Math.max(0, y.length - window)));
  return { method: 'moving_average', residuals, parameters: `window=${window}`, forecast: (h) => new Array<number>(h).fill(level) };
}

/** The last value plus the average change per step over the whole series. */
export function drift(y: readonly number[]): FittedForecast {
  const slope = y.length > 1 ? (last(y) - (y[0] as number)) / (y.length - 1) : 0;
  const residuals = y.slice(1).map((v, i) => v - (y[i] as number) - slope);
  return {
    method: 'drift',
    residuals,
    parameters: `slope=${round(slope)}`,
    forecast: (h) => Array.from({ length: h }, (_, i) => last(y) + (i + 1) * slope),
  };
}

/** Simple exponential smoothing with a given weight: level starts at the first value. */
export function sesWith(y: readonly number[], alpha: number): { level: number; residuals: number[] } {
  let level = y[0] ?? 0;
  const residuals: number[] = [];
  for (let t = 1; t < y.length; t++) {
    const error = (y[t] as number) - level;
    residuals.push(error);
    level += alpha * error;
  }
  return { level, residuals };
}

/** Simple exponential smoothing, alpha from a grid (0.05 steps) by least one-step squared error; ties to the smaller alpha. */
export function ses(y: readonly number[]): FittedForecast {
  let best = { alpha: SES_ALPHAS[0] as number, fit: sesWith(y, SES_ALPHAS[0] as number) };
  for (const alpha of SES_ALPHAS.slice(1)) {
    const fit = sesWith(y, alpha);
    if (sumOfSquares(fit.residuals) < sumOfSquares(best.fit.residuals)) best = { alpha, fit };
  }
  const { level, residuals } = best.fit;
  return { method: 'ses', residuals, parameters: `alpha=${best.alpha}`, forecast: (h) => new Array<number>(h).fill(level) };
}

/**
 * Holt's linear trend with damping `phi` and given weights, in error-correction form. The level starts
 * at the first value and the trend at the first change.
 */
export function holtWith(y: readonly number[], alpha: number, beta: number, phi = HOLT_DAMPING): { level: number; trend: number; residuals: number[] } {
  let level = y[0] ?? 0;
  let trend = y.length > 1 ? (y[1] as number) - (y[0] as number) : 0;
  const residuals: number[] = [];
  for (let t = 1; t < y.length; t++) {
    const predicted = level + phi * trend;
    const error = (y[t] as number) - predicted;
    residuals.push(error);
    level = predicted + alpha * error;
    trend = phi * trend + alpha * beta * error;
  }
  return { level, trend, residuals };
}

/**
 * The pair of smoothing weights (first from `firsts`, second from `seconds(first)`) whose fit has the
 * least one-step squared error; ties go to the earlier pair.
 */
function bestOnGrid<F extends { residuals: readonly number[] }>(
  firsts: readonly number[],
  seconds: (first: number) => readonly number[],
  fitWith: (first: number, second: number) => F,
): [number, number, F] {
  let best: { pair: [number, number, F]; sse: number } | undefined;
  for (const a of firsts) {
    for (const b of seconds(a)) {
      const fit = fitWith(a, b);
      const sse = sumOfSquares(fit.residuals);
      if (!best || sse < best.sse) best = { pair: [a, b, fit], sse };
    }
  }
  if (!best) throw new RangeError('an empty grid of smoothing weights');
  return best.pair;
}

/** Damped Holt, alpha (0.1 steps) and beta (0.05, 0.1, 0.2, 0.3) from a grid by least one-step squared error; ties to the earlier pair. */
export function holtDamped(y: readonly number[], phi = HOLT_DAMPING): FittedForecast {
  const [alpha, beta, fit] = bestOnGrid(HOLT_ALPHAS, () => HOLT_BETAS, (a, b) => holtWith(y, a, b, phi));
  return {
    method: 'holt_damped',
    residuals: fit.residuals,
    parameters: `alpha=${alpha}, beta=${beta}, phi=${phi}`,
    forecast: (h) => {
      const out: number[] = [];
      let damping = 0;
      for (let i = 1; i <= h; i++) {
        damping += phi ** i;
        out.push(fit.level + damping * fit.trend);
      }
      return out;
    },
  };
}

/** The same week a year earlier: forecast h repeats week n - m + ((h - 1) mod m). */
export function seasonalNaive(y: readonly number[], m = SEASON_WEEKS): FittedForecast {
  if (y.length < m) throw new RangeError(`seasonal naive needs at least ${m} weeks, got ${y.length}`);
  const residuals = y.slice(m).map((v, i) => v - (y[i] as number));
  const lastSeason = y.slice(y.length - m);
  return { method: 'seasonal_naive', residuals, parameters: `season=${m}`, forecast: (h) => Array.from({ length: h }, (_, i) => lastSeason[i % m] as number) };
}

/**
 * Additive Holt-Winters without trend (ETS(A,N,A)) with given weights, in error-correction form. The
 * level starts at the mean of the first season and each week's seasonal term at that week's
 * difference from it; updates run from the second season on. No trend: two years of weekly data
 * cannot tell a trend from the season.
 */
export function holtWintersWith(y: readonly number[], alpha: number, gamma: number, m = SEASON_WEEKS): { level: number; season: number[]; residuals: number[] } {
  if (y.length < m) throw new RangeError(`Holt-Winters needs at least ${m} weeks, got ${y.length}`);
  let level = mean(y.slice(0, m));
  const season = y.slice(0, m).map((v) => v - level);
  const residuals: number[] = [];
  for (let t = m; t < y.length; t++) {
    const error = (y[t] as number) - (level + (season[t % m] as number));
    residuals.push(error);
    level += alpha * error;
    season[t % m] = (season[t % m] as number) + gamma * error;
  }
  // season[i] belongs to weeks t with t mod m = i; rotate so that season[0] is the week after the last one
  const offset = y.length % m;
  return { level, season: [...season.slice(offset), ...season.slice(0, offset)], residuals };
}

/** Holt-Winters, alpha (0.1 steps) and gamma (0.05, 0.1, 0.2, 0.3; at most 1 - alpha) from a grid by least one-step squared error; ties to the earlier pair. */
export function holtWinters(y: readonly number[], m = SEASON_WEEKS): FittedForecast {
  const [alpha, gamma, fit] = bestOnGrid(HOLT_ALPHAS, (a) => HW_GAMMAS.filter((g) => g <= 1 - a + 1e-9), (a, g) => holtWintersWith(y, a, g, m));
  return {
    method: 'holt_winters',
    residuals: fit.residuals,
    parameters: `alpha=${alpha}, gamma=${gamma}, season=${m}`,
    forecast: (h) => Array.from({ length: h }, (_, i) => fit.level + (fit.season[i % m] as number)),
  };
}

/** Fits one method by name. */
export function fitMethod(method: ForecastMethod, y: readonly number[]): FittedForecast {
  switch (method) {
    case 'naive':
      return naive(y);
    case 'moving_average':
      return movingAverage(y);
    case 'drift':
      return drift(y);
    case 'ses':
      return ses(y);
    case 'holt_damped':
      return holtDamped(y);
    case 'seasonal_naive':
      return seasonalNaive(y);
    case 'holt_winters':
      return holtWinters(y);
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
