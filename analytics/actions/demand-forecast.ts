/**
 * Backtest, choice and forecast of one weekly series: every method is fitted on all but the last
 * `testWeeks` weeks and forecasts them; the lowest MAE wins (ties: sMAPE, then method order) and is
 * refitted on the whole series for the forecast.
 */
import { FORECAST_METHODS, fitMethod, type FittedForecast, type ForecastMethod } from './forecast-methods.js';
import { intervalCoverage, meanAbsoluteError, rootMeanSquare, symmetricMape } from './forecast-metrics.js';

/** z of a central 80% interval of the normal distribution. */
export const Z_80 = 1.2815515655446004;

export interface ForecastPoint {
  horizon: number;
  forecast: number;
  lower: number;
  upper: number;
}

export interface BacktestScore {
  method: ForecastMethod;
  mae: number;
  smape: number;
  intervalCoverage: number;
  parameters: string | null;
  chosen: boolean;
}

/**
 * Forecasts 1..horizon steps with an 80% interval: point +/- z x sigma x sqrt(h), sigma the RMS of
 * the one-step in-sample errors (the random-walk growth of the error with h, conservative for the
 * smoothing methods). Units cannot be negative, so point and lower bound are floored at 0.
 */
export function forecastWithInterval(fitted: FittedForecast, horizon: number): ForecastPoint[] {
  const sigma = rootMeanSquare(fitted.residuals);
  return fitted.forecast(horizon).map((value, i) => {
    const half = Z_80 * sigma * Math.sqrt(i + 1);
    const point = Math.max(0, value);
    return { horizon: i + 1, forecast: point, lower: Math.max(0, value - half), upper: Math.max(point, value + half) };
  });
}

/** Scores every method on the last `testWeeks` values of `y`; exactly one is marked chosen. */
export function backtest(y: readonly number[], testWeeks: number, methods: readonly ForecastMethod[] = FORECAST_METHODS): BacktestScore[] {
  if (testWeeks < 1 || y.length < testWeeks + 2) throw new RangeError(`a backtest of ${testWeeks} weeks needs at least ${testWeeks + 2} weeks, got ${y.length}`);
  const train = y.slice(0, y.length - testWeeks);
  const actual = y.slice(y.length - testWeeks);
  const scores = methods.map((method) => {
    const fitted = fitMethod(method, train);
    const points = forecastWithInterval(fitted, testWeeks);
    const forecast = points.map((p) => p.forecast);
    return {
      method,
      mae: meanAbsoluteError(actual, forecast),
      smape: symmetricMape(actual, forecast),
      intervalCoverage: intervalCoverage(actual, points.map((p) => p.lower), points.map((p) => p.upper)),
      parameters: fitted.parameters,
      chosen: false,
    };
  });
  let best = 0;
  scores.forEach((s, i) => {
    const b = scores[best] as BacktestScore;
    if (s.mae < b.mae || (s.mae === b.mae && s.smape < b.smape)) best = i;
  });
  (scores[best] as BacktestScore).chosen = true;
  return scores;
}

export interface SeriesForecast {
  method: ForecastMethod;
  parameters: string | null;
  points: ForecastPoint[];
  backtest: BacktestScore[];
}

/**
 * Chooses a method by backtest and forecasts `horizon` steps after the series with it. A series too
 * short for the backtest gets the naive forecast and no backtest scores.
 */
export function forecastSeries(y: readonly number[], options: { horizon: number; testWeeks: number }): SeriesForecast {
  const scores = y.length >= options.testWeeks + 2 ? backtest(y, options.testWeeks) : [];
  const method = scores.find((s) => s.chosen)?.method ?? 'naive';
  const fitted = fitMethod(method, y);
  return { method, parameters: fitted.parameters, points: forecastWithInterval(fitted, options.horizon), backtest: scores };
}
