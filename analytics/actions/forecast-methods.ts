/**
 * Simple forecasting methods for short weekly series (one year of data, so nothing seasonal can be
 * backtested). Each method is fitted on a series and returns point forecasts for any horizon plus its
 * one-step-ahead in-sample errors, from which prediction intervals are sized.
 */

export const FORECAST_METHODS = ['naive', 'moving_average', 'drift', 'ses', 'holt_damped'] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];

export const SERIES_TYPES = ['category', 'product'] as const;
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

/** Damped Holt, alpha (0.1 steps) and beta (0.05, 0.1, 0.2, 0.3) from a grid by least one-step squared error; ties to the earlier pair. */
export function holtDamped(y: readonly number[], phi = HOLT_DAMPING): FittedForecast {
  let best: { alpha: number; beta: number; fit: ReturnType<typeof holtWith>; sse: number } | undefined;
  for (const alpha of HOLT_ALPHAS) {
    for (const beta of HOLT_BETAS) {
      const fit = holtWith(y, alpha, beta, phi);
      const sse = sumOfSquares(fit.residuals);
      if (!best || sse < best.sse) best = { alpha, beta, fit, sse };
    }
  }
  const { alpha, beta, fit } = best as NonNullable<typeof best>;
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
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
