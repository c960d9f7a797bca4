import { FORECAST_METHODS, SERIES_TYPES } from '../../schemas/vocabulary.js';
import { defineTable } from '../spec/types.js';

/** How each method did on the last 8 weeks. */
export const forecastBacktest = defineTable({
  name: 'forecast_backtest',
  description:
    'Backtest of every method on every series: fitted on all complete weeks but the last 8 (the reported window), forecast 1-8 weeks ahead from there and ' +
    'compared with the actual units. naive = last week; moving_average = mean of the last 4 weeks; drift = naive plus the average weekly change; ses = simple exponential ' +
    'smoothing; holt_damped = Holt\'s linear trend with damping 0.9; seasonal_naive = the same week 52 weeks earlier; holt_winters = additive Holt-Winters ' +
    'with a 52-week season and no trend (smoothing weights of ses, holt_damped and holt_winters by least one-step squared error on the fitting weeks). ' +
    'Seasonal methods are listed when the fitting weeks hold at least 60. The method is chosen without looking at the reported window: by the lowest ' +
    'mean MAE over rolling origins 8, 16, 24 and 32 weeks before it (those that leave every candidate enough weeks), each forecasting 8 weeks; ties: ' +
    'sMAPE, then the order above; naive when the weeks before the window are too few to choose.',
  grain: 'One series and method.',
  layer: 'action',
  publish: true,
  excelSheet: 'Forecast backtest',
  primaryKey: ['series_type', 'series', 'method'],
  columns: [
    { name: 'series_type', type: 'VARCHAR', description: 'category or product.', accepted: SERIES_TYPES },
    { name: 'series', type: 'VARCHAR', description: 'Category name or stock code.' },
    { name: 'method', type: 'VARCHAR', description: 'Forecasting method.', accepted: FORECAST_METHODS },
    { name: 'test_start', type: 'DATE', description: 'First week of the backtest.', format: 'date' },
    { name: 'test_weeks', type: 'INTEGER', description: 'Weeks in the backtest.', format: 'integer' },
    { name: 'mae', type: 'DOUBLE', description: 'Mean absolute error in units.', format: 'decimal' },
    { name: 'smape', type: 'DOUBLE', description: 'Symmetric mean absolute percentage error in percent (0-200; a week with forecast and actual both 0 counts 0).', format: 'decimal' },
    { name: 'interval_coverage', type: 'DOUBLE', description: 'Share of backtest weeks whose actual fell inside the 80% interval.', format: 'percent' },
    { name: 'selection_mae', type: 'DOUBLE', label: 'Selection MAE', description: 'Mean absolute error over the rolling origins before the reported window, on which the method was chosen; empty when the method was no candidate (too few weeks before the first origin).', format: 'decimal', nullable: true },
    { name: 'mase', type: 'DOUBLE', label: 'MASE vs naive', description: 'Mean absolute scaled error: mae divided by the mean absolute week-to-week change over the fitting weeks (below 1 = better than a one-step naive forecast in sample); empty when the fitting weeks never change.', format: 'decimal', nullable: true },
    { name: 'mase_seasonal', type: 'DOUBLE', label: 'MASE vs seasonal naive', description: 'mae divided by the mean absolute change from the same week 52 weeks earlier over the fitting weeks; empty when they hold no full year plus a week.', format: 'decimal', nullable: true },
    { name: 'parameters', type: 'VARCHAR', description: 'Fitted parameters, e.g. "alpha=0.3".', nullable: true },
    { name: 'chosen', type: 'BOOLEAN', description: 'The method used for the series\' forecast.' },
  ],
  tests: [
    {
      name: 'forecast_backtest_one_chosen_per_series',
      description: 'Exactly one method is chosen per series.',
      sql: `select series_type, series, count(*) filter (where chosen) as chosen from forecast_backtest group by all having count(*) filter (where chosen) <> 1`,
    },
  ],
});
