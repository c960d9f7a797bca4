/**
 * Backtest, choice and forecast of one weekly series. The last `testWeeks` weeks are the reported
 * window: every method is fitted on the weeks before it and forecasts it, and nothing about the
 * choice looks at it. The method is chosen by rolling-origin backtests on the weeks before that
 * window (origins 1..SELECTION_FOLDS windows earlier, each forecasting `testWeeks` weeks): the lowest
 * mean MAE wins (ties: sMAPE, then method order) and is refitted on the whole series for the forecast.
 */
import { FORECAST_METHODS, SEASON_WEEKS, fitMethod, minimumWeeks, type FittedForecast, type ForecastMethod } from './forecast-methods.js';
import { intervalCoverage, meanAbsoluteError, rootMeanSquare, symmetricMape } from './forecast-metrics.js';

/** z of a central 80% interval of the normal distribution. */
export const Z_80 = 1.2815515655446004;

export interface ForecastPoint {
  horizon: number;
  forecast: number;
  lower: number;
  upper: number;
}

/** Rolling origins of the choice, each one reported window earlier than the last. */
export const SELECTION_FOLDS = 4;

export interface BacktestScore {
  method: ForecastMethod;
  /** On the reported window. */
  mae: number;
  smape: number;
  intervalCoverage: number;
  /** MAE over the in-sample MAE of one-step naive on the fitting weeks; null when that is 0. */
  mase: number | null;
  /** MAE over the in-sample MAE of seasonal naive (52 weeks) on the fitting weeks; null when they hold no full year plus a week. */
  maseSeasonal: number | null;
  /** Mean MAE over the rolling origins before the reported window; null when the method was no candidate. */
  selectionMae: number | null;
  parameters: string | null;
  chosen: boolean;
}

/** In-sample MAE of the lag-`lag` naive forecast; null when undefined or 0 (no scale). */
function naiveScale(y: readonly number[], lag: number): number | null {
  if (y.length <= lag) return null;
  const scale = meanAbsoluteError(y.slice(lag), y.slice(0, y.length - lag));
  return scale > 0 ? scale : null;
}

function score(train: readonly number[], actual: readonly number[], method: ForecastMethod): { fitted: FittedForecast; points: ForecastPoint[]; mae: number; smape: number } {
  const fitted = fitMethod(method, train);
  const points = forecastWithInterval(fitted, actual.length);
  const forecast = points.map((p) => p.forecast);
  return { fitted, points, mae: meanAbsoluteError(actual, forecast), smape: symmetricMape(actual, forecast) };
}

/**
 * The choice: candidates are the methods the weeks before the latest origin can fit; they are all
 * scored on the same origins, those that leave every candidate enough fitting weeks. Null when no
 * origin is possible.
 */
export function chooseMethod(train: readonly number[], testWeeks: number, methods: readonly ForecastMethod[] = FORECAST_METHODS): { method: ForecastMethod; mae: Map<ForecastMethod, number> } | null {
  const latest = train.length - testWeeks;
  const candidates = methods.filter((m) => minimumWeeks(m) <= latest);
  if (!candidates.length) return null;
  const needed = Math.max(...candidates.map(minimumWeeks));
  const origins: number[] = [];
  for (let k = 1; k <= SELECTION_FOLDS && train.length - k * testWeeks >= needed; k++) origins.push(train.length - k * testWeeks);
  const results = candidates.map((method) => {
    const folds = origins.map((o) => score(train.slice(0, o), train.slice(o, o + testWeeks), method));
    return { method, mae: folds.reduce((s, f) => s + f.mae, 0) / folds.length, smape: folds.reduce((s, f) => s + f.smape, 0) / folds.length };
  });
  let best = results[0] as (typeof results)[number];
  for (const r of results.slice(1)) if (r.mae < best.mae || (r.mae === best.mae && r.smape < best.smape)) best = r;
  return { method: best.method, mae: new Map(results.map((r) => [r.method, r.mae])) };
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

/**
 * Scores every method the fitting weeks allow on the last `testWeeks` values of `y`; exactly one is
 * marked chosen, by `chooseMethod` on the weeks before them (naive when they are too few to choose).
 */
export function backtest(y: readonly number[], testWeeks: number, methods: readonly ForecastMethod[] = FORECAST_METHODS): BacktestScore[] {
  if (testWeeks < 1 || y.length < testWeeks + 2) throw new RangeError(`a backtest of ${testWeeks} weeks needs at least ${testWeeks + 2} weeks, got ${y.length}`);
  const train = y.slice(0, y.length - testWeeks);
  const actual = y.slice(y.length - testWeeks);
  const choice = chooseMethod(train, testWeeks, methods);
  const chosen = choice?.method ?? 'naive';
  const naiveMae = naiveScale(train, 1);
  const seasonalMae = naiveScale(train, SEASON_WEEKS);
  return methods
    .filter((m) => minimumWeeks(m) <= train.length)
    .map((method) => {
      const { fitted, points, mae, smape } = score(train, actual, method);
      return {
        method,
        mae,
        smape,
        intervalCoverage: intervalCoverage(actual, points.map((p) => p.lower), points.map((p) => p.upper)),
        mase: naiveMae === null ? null : mae / naiveMae,
        maseSeasonal: seasonalMae === null ? null : mae / seasonalMae,
        selectionMae: choice?.mae.get(method) ?? null,
        parameters: fitted.parameters,
        chosen: method === chosen,
      };
    });
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
