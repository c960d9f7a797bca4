import { describe, expect, it } from 'vitest';

import { backtest, chooseMethod, forecastSeries, forecastWithInterval, Z_80 } from '../../analytics/actions/demand-forecast.js';
import { drift, holtDamped, holtWintersWith, holtWith, isSeasonal, movingAverage, naive, seasonalNaive, ses, sesWith } from '../../analytics/actions/forecast-methods.js';
import { intervalCoverage, meanAbsoluteError, rootMeanSquare, symmetricMape } from '../../analytics/actions/forecast-metrics.js';

describe('forecasting methods on hand-computed series', () => {
  it('naive repeats the last value; its errors are the week-to-week changes', () => {
    const f = naive([1, 2, 4]);
    expect(f.forecast(2)).toEqual([4, 4]);
    expect(f.residuals).toEqual([1, 2]);
  });

  it('moving average forecasts the mean of the last 4 values', () => {
    const f = movingAverage([2, 4, 6, 8, 10]);
    expect(f.forecast(3)).toEqual([7, 7, 7]);
    // one step ahead from the mean of what came before (up to 4 values): 4-2, 6-3, 8-4, 10-5
    expect(f.residuals).toEqual([2, 3, 4, 5]);
  });

  it('drift continues the average change', () => {
    const f = drift([1, 3, 5]);
    expect(f.forecast(2)).toEqual([7, 9]);
    expect(f.residuals).toEqual([0, 0]);
    expect(f.parameters).toBe('slope=2');
  });

  it('simple exponential smoothing updates the level by alpha x error', () => {
    // level 10; +0.5 x 10 = 15; +0.5 x 5 = 17.5
    expect(sesWith([10, 20, 20], 0.5)).toEqual({ level: 17.5, residuals: [10, 5] });
    // SSE = 100 + (10 (1 - alpha))^2 falls with alpha: the grid's largest, 0.95, wins
    const f = ses([10, 20, 20]);
    expect(f.parameters).toBe('alpha=0.95');
    expect(f.forecast(1)[0]).toBeCloseTo(19.975, 10);
  });

  it('Holt without damping follows a straight line exactly', () => {
    const fit = holtWith([1, 2, 3, 4], 0.5, 0.5, 1);
    expect(fit).toEqual({ level: 4, trend: 1, residuals: [0, 0, 0] });
  });

  it('damped Holt: one step by hand, and a forecast that adds phi + phi^2 + ... of the trend', () => {
    // l0 = 1, b0 = 1; predicted 1 + 0.9 = 1.9, error 0.1; l1 = 1.9 + 0.5 x 0.1 = 1.95; b1 = 0.9 + 0.5 x 0.5 x 0.1 = 0.925
    const step = holtWith([1, 2], 0.5, 0.5, 0.9);
    expect(step.level).toBeCloseTo(1.95, 12);
    expect(step.trend).toBeCloseTo(0.925, 12);
    expect(step.residuals[0]).toBeCloseTo(0.1, 12);
    const f = holtDamped([5, 5, 5, 5]);
    expect(f.forecast(3)).toEqual([5, 5, 5]);
  });
});

describe('forecast accuracy measures', () => {
  it('MAE and sMAPE by hand', () => {
    expect(meanAbsoluteError([1, 2, 3], [2, 2, 5])).toBe(1);
    // 200 x 10 / 210, 0 (both zero), 200 x 50 / 50
    expect(symmetricMape([100, 0, 50], [110, 0, 0])).toBeCloseTo((2000 / 210 + 0 + 200) / 3, 10);
    expect(rootMeanSquare([3, -4])).toBeCloseTo(Math.sqrt(12.5), 12);
    expect(intervalCoverage([1, 5, 9], [0, 6, 9], [2, 7, 9])).toBeCloseTo(2 / 3, 12);
    expect(() => meanAbsoluteError([1], [1, 2])).toThrow(RangeError);
  });

  it('prediction interval: forecast +/- z x RMS error x sqrt(h), floored at zero', () => {
    const points = forecastWithInterval(naive([1, 3, 2]), 4);
    const sigma = Math.sqrt((4 + 1) / 2);
    expect(points[0]).toEqual({ horizon: 1, forecast: 2, lower: 0, upper: expect.closeTo(2 + Z_80 * sigma, 10) });
    expect(points[3]?.upper).toBeCloseTo(2 + Z_80 * sigma * 2, 10);
  });
});

describe('backtest and choice', () => {
  it('chooses the method with the lowest MAE on the held-out weeks', () => {
    // train 0..5, test 6, 7: drift is exact; naive errs 1 and 2; the moving average (3.5) 2.5 and 3.5
    const scores = backtest([0, 1, 2, 3, 4, 5, 6, 7], 2);
    const by = Object.fromEntries(scores.map((s) => [s.method, s]));
    expect(by.naive?.mae).toBe(1.5);
    expect(by.moving_average?.mae).toBe(3);
    expect(by.drift?.mae).toBe(0);
    expect(by.drift?.smape).toBe(0);
    expect(by.drift?.intervalCoverage).toBe(1);
    expect(scores.filter((s) => s.chosen).map((s) => s.method)).toEqual(['drift']);
  });

  it('ties go to the earlier method; a series too short for the backtest is forecast naive', () => {
    const flat = backtest([4, 4, 4, 4, 4], 2);
    expect(flat.filter((s) => s.chosen).map((s) => s.method)).toEqual(['naive']);
    const short = forecastSeries([3, 5], { horizon: 3, testWeeks: 8 });
    expect(short.method).toBe('naive');
    expect(short.backtest).toEqual([]);
    expect(short.points.map((p) => p.forecast)).toEqual([5, 5, 5]);
  });
});

describe('seasonal methods by hand (season of 2)', () => {
  it('seasonal naive repeats the last season; its errors are the changes from one season earlier', () => {
    const f = seasonalNaive([1, 2, 3, 5], 2);
    expect(f.forecast(3)).toEqual([3, 5, 3]);
    expect(f.residuals).toEqual([2, 3]);
  });

  it('Holt-Winters: level from the first season, one update per week, forecast level + season', () => {
    // l = 2, s = [-1, 1]; t=2: 2 - 1 = 1, e = 1, l = 2.5, s0 = -0.5; t=3: 2.5 + 1 = 3.5, e = 0.5, l = 2.75, s1 = 1.25
    const fit = holtWintersWith([1, 3, 2, 4], 0.5, 0.5, 2);
    expect(fit).toEqual({ level: 2.75, season: [-0.5, 1.25], residuals: [1, 0.5] });
    // an odd length rotates the season so that season[0] is the next week
    expect(holtWintersWith([1, 3, 2], 0.5, 0.5, 2).season).toEqual([1, -0.5]);
  });
});

/** Two years of Mondays from 2010-01-04: a yearly swing, a Christmas peak in weeks 46-50 of each year, and fixed noise. */
function christmasSeries(weeks: number): number[] {
  let seed = 7;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed / 2147483648 - 0.5) * 100;
  };
  return Array.from({ length: weeks }, (_, t) => {
    const week = t % 52;
    const peak = week >= 46 && week <= 50 ? [1500, 3000, 4500, 4000, 2000][week - 46] as number : 0;
    return Math.round(1000 + 300 * Math.sin((2 * Math.PI * week) / 52) + peak + noise());
  });
}

describe('seasonal forecasts on a generated two-year weekly series with a Christmas peak', () => {
  const y = christmasSeries(104); // the last 8 weeks, 44-51 of year two, hold the peak
  const mae = (a: number[], f: number[]) => a.reduce((s, v, i) => s + Math.abs(v - (f[i] as number)), 0) / a.length;

  it('chooses a seasonal method on the weeks before the reported window, and it forecasts the peak far closer than flat', () => {
    const scores = backtest(y, 8);
    const chosen = scores.find((s) => s.chosen);
    expect(chosen && isSeasonal(chosen.method)).toBe(true);
    const naiveScore = scores.find((s) => s.method === 'naive');
    const sesScore = scores.find((s) => s.method === 'ses');
    expect(chosen!.mae).toBeLessThan(0.25 * naiveScore!.mae);
    expect(chosen!.mae).toBeLessThan(0.25 * sesScore!.mae);
    // MASE: scaled by the fitting weeks' naive and seasonal-naive errors; seasonal naive's own seasonal MASE sits near 1
    expect(chosen!.mase).toBeLessThan(naiveScore!.mase!);
    expect(scores.find((s) => s.method === 'seasonal_naive')!.maseSeasonal).toBeGreaterThan(0.5);
    expect(scores.find((s) => s.method === 'seasonal_naive')!.maseSeasonal).toBeLessThan(2);
    expect(scores.every((s) => s.selectionMae !== null)).toBe(true);
  });

  it('the future forecast of a series ending before Christmas carries the peak', () => {
    const history = y.slice(0, 96);
    const peakWeeks = y.slice(96, 104);
    const result = forecastSeries(history, { horizon: 8, testWeeks: 8 });
    expect(isSeasonal(result.method)).toBe(true);
    const seasonal = mae(peakWeeks, result.points.map((p) => p.forecast));
    const flat = mae(peakWeeks, naive(history).forecast(8));
    expect(seasonal).toBeLessThan(0.25 * flat);
    expect(Math.max(...result.points.map((p) => p.forecast))).toBeGreaterThan(4000);
  });

  it('the choice never looks at the reported window: changing those weeks changes no choice', () => {
    const changed = [...y.slice(0, 96), ...y.slice(96).map((v) => v * 10)];
    const pick = (scores: ReturnType<typeof backtest>) => scores.map((s) => [s.method, s.selectionMae, s.chosen]);
    expect(pick(backtest(changed, 8))).toEqual(pick(backtest(y, 8)));
    expect(chooseMethod(y.slice(0, 96), 8)?.method).toBe(backtest(y, 8).find((s) => s.chosen)?.method);
  });

  it('with one year of weeks no seasonal method is listed or chosen', () => {
    const scores = backtest(y.slice(0, 53), 8);
    expect(scores.some((s) => isSeasonal(s.method))).toBe(false);
    expect(scores.every((s) => s.maseSeasonal === null)).toBe(true);
  });
});
