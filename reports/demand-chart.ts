import type { Kpi } from './kpis/kpi.js';
import { daxColumn, daxTable } from './powerbi/dax.js';
import type { Roles } from './roles.js';

/** A table the Power BI model computes in DAX from other tables, not read from Parquet. */
export interface CalculatedTable {
  name: string;
  description: string;
  expression: string;
  columns: { name: string; dataType: 'string' | 'dateTime' | 'double'; formatString?: string; description: string }[];
}

/** Name of the model table that puts weekly actuals and forecasts on one time axis. */
export const DEMAND_CHART = 'demand_chart';

const t = daxTable;
const c = daxColumn;

/**
 * demand_weekly (actuals) and demand_forecast (the next weeks) have week columns of their own; a chart
 * of forecast against actual needs them on one axis, so the model stacks the two into one table.
 */
export function demandChartTable(roles: Roles): CalculatedTable | undefined {
  const { demandWeekly: w, demandForecast: f } = roles;
  if (!w || !f) return undefined;
  // Product descriptions are not unique; the stock code keeps two products apart.
  const seriesName = (table: string, col: { type: string; series: string; label: string }) =>
    `IF(${c(table, col.type)} = "product", ${c(table, col.label)} & " (" & ${c(table, col.series)} & ")", ${c(table, col.label)})`;
  const side = (table: string, col: { type: string; series: string; label: string; week: string }, values: [string, string, string, string]) =>
    `SELECTCOLUMNS(${t(table)}, "series_type", ${c(table, col.type)}, "series_name", ${seriesName(table, col)}, "week_start", ${c(table, col.week)}, ` +
    `"actual_units", ${values[0]}, "forecast_units", ${values[1]}, "forecast_lower", ${values[2]}, "forecast_upper", ${values[3]})`;
  const expression = `UNION(${side(w.name, w.col, [`${c(w.name, w.col.units)} * 1.0`, 'BLANK()', 'BLANK()', 'BLANK()'])}, ${side(f.name, f.col, [
    'BLANK()',
    c(f.name, f.col.forecast),
    c(f.name, f.col.lower),
    c(f.name, f.col.upper),
  ])})`;
  return {
    name: DEMAND_CHART,
    description: `Weekly units of ${w.name} (actual) and ${f.name} (forecast with its 80% interval) stacked on one week axis, for forecast-against-actual charts.`,
    expression,
    columns: [
      { name: 'series_type', dataType: 'string', description: 'category or product.' },
      { name: 'series_name', dataType: 'string', description: 'Category name, or product description with its stock code.' },
      { name: 'week_start', dataType: 'dateTime', formatString: 'yyyy-mm-dd', description: 'Monday of the week.' },
      { name: 'actual_units', dataType: 'double', formatString: '#,0', description: 'Net units sold in the week (blank on forecast rows).' },
      { name: 'forecast_units', dataType: 'double', formatString: '#,0', description: 'Forecast units (blank on actual rows).' },
      { name: 'forecast_lower', dataType: 'double', formatString: '#,0', description: 'Lower bound of the 80% prediction interval.' },
      { name: 'forecast_upper', dataType: 'double', formatString: '#,0', description: 'Upper bound of the 80% prediction interval.' },
    ],
  };
}

/**
 * Measures of the demand chart. Product series are part of their category's units, so with no series
 * selected the chart shows the sum over categories (all products) instead of counting products twice.
 */
export function demandKpis(roles: Roles): Kpi[] {
  if (!demandChartTable(roles)) return [];
  const d = DEMAND_CHART;
  const summed = (column: string) =>
    `IF(ISFILTERED(${c(d, 'series_name')}), SUM(${c(d, column)}), CALCULATE(SUM(${c(d, column)}), ${c(d, 'series_type')} = "category"))`;
  // Interval bounds do not add up across series, so they are shown for one series only.
  const single = (column: string) => `IF(HASONEVALUE(${c(d, 'series_name')}), SUM(${c(d, column)}))`;
  return [
    { name: 'Actual Units', table: d, description: 'Net units sold per week (all categories unless a series is selected).', format: 'integer', dax: summed('actual_units') },
    { name: 'Forecast Units', table: d, description: 'Forecast units per week (all categories unless a series is selected).', format: 'integer', dax: summed('forecast_units') },
    { name: 'Forecast Lower', table: d, description: 'Lower bound of the 80% interval, for one selected series.', format: 'integer', dax: single('forecast_lower') },
    { name: 'Forecast Upper', table: d, description: 'Upper bound of the 80% interval, for one selected series.', format: 'integer', dax: single('forecast_upper') },
  ];
}
