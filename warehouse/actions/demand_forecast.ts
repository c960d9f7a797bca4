import { FORECAST_METHODS, SERIES_TYPES } from '../../schemas/vocabulary.js';
import { defineTable } from '../spec/types.js';

/** The next 12 weeks. */
export const demandForecast = defineTable({
  name: 'demand_forecast',
  description:
    'Forecast units for the 12 weeks after the last complete week, per series of demand_weekly, by the method chosen in the series\' backtest ' +
    '(forecast_backtest). 80% prediction interval: forecast +/- 1.2816 x sigma x sqrt(h), sigma the RMSE of the method\'s one-step in-sample errors, ' +
    'h the weeks ahead; forecasts and lower bounds below zero are set to zero. Seasonal methods need 60 weeks before the latest origin of the choice ' +
    '(about 76 weeks of data with the 8-week backtest); on shorter data, such as one year, forecasts after the last week of November (the yearly peak) ' +
    'carry no Christmas or January effect.',
  grain: 'One series and forecast week.',
  layer: 'action',
  publish: true,
  excelSheet: 'Demand forecast',
  primaryKey: ['series_type', 'series', 'week_start'],
  columns: [
    { name: 'series_type', type: 'VARCHAR', description: 'category or product.', accepted: SERIES_TYPES },
    { name: 'series', type: 'VARCHAR', description: 'Category name or stock code.' },
    { name: 'series_label', type: 'VARCHAR', description: 'Category name or product description.' },
    { name: 'week_start', type: 'DATE', description: 'Monday of the forecast week.', format: 'date' },
    { name: 'horizon', type: 'INTEGER', description: 'Weeks ahead, 1 = the week after the last complete week.', format: 'integer' },
    { name: 'units_forecast', type: 'DOUBLE', description: 'Forecast units.', format: 'decimal' },
    { name: 'lower', type: 'DOUBLE', description: 'Lower bound of the 80% prediction interval.', format: 'decimal' },
    { name: 'upper', type: 'DOUBLE', description: 'Upper bound of the 80% prediction interval.', format: 'decimal' },
    { name: 'method', type: 'VARCHAR', description: 'Forecasting method (chosen by the backtest).', accepted: FORECAST_METHODS },
  ],
  tests: [
    {
      name: 'demand_forecast_interval_ordered',
      description: '0 <= lower <= forecast <= upper.',
      sql: `select * from demand_forecast where lower < 0 or lower > units_forecast or units_forecast > upper`,
    },
  ],
});
