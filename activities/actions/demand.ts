import { forecastSeries, type SeriesForecast } from '../../analytics/actions/demand-forecast.js';
import { SEASONAL_MIN_WEEKS, type ForecastMethod, type SeriesType } from '../../analytics/actions/forecast-methods.js';
import { demandForecast, forecastBacktest } from '../../warehouse/actions/index.js';
import type { Database } from '../../warehouse/db.js';
import { sql } from '../../warehouse/sql.js';
import type { Cell } from '../../analytics/cell.js';
import { writeTable } from '../model/write-table.js';
import type { ResolvedActionOptions } from './options.js';

const DAY_MS = 86_400_000;

interface Series {
  type: SeriesType;
  name: string;
  label: string;
  units: number[];
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function weekday(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`)).toLocaleDateString('en-GB', { weekday: 'short', timeZone: 'UTC' });
}

/** Series of action_demand in table order (series type, series, week). */
async function readSeries(db: Database): Promise<{ weeks: string[]; series: Series[] }> {
  const weeks = (await db.all<{ week_start: string }>('select week_start::varchar as week_start from action_week order by week_start')).map((w) => w.week_start);
  const rows = await db.all<{ series_type: SeriesType; series: string; series_label: string; units: string }>(
    'select series_type, series, series_label, units from action_demand order by series_type, series, week_start',
  );
  const series: Series[] = [];
  for (const row of rows) {
    let current = series[series.length - 1];
    if (!current || current.type !== row.series_type || current.name !== row.series) {
      current = { type: row.series_type, name: row.series, label: row.series_label, units: [] };
      series.push(current);
    }
    current.units.push(Number(row.units));
  }
  return { weeks, series };
}

/**
 * Weekly demand per category and top product (demand_weekly), backtest of every method on the last
 * weeks (forecast_backtest) and the forecast of the chosen method (demand_forecast). Needs
 * action_line, action_product and action_param.
 */
export async function buildDemand(db: Database, options: ResolvedActionOptions): Promise<string[]> {
  await db.run(sql('actions/helpers/demand_weekly.sql'));
  await db.run('create or replace table demand_weekly as select * from action_demand order by series_type, series, week_start');
  const { weeks, series } = await readSeries(db);
  const forecastRows: Cell[][] = [];
  const backtestRows: Cell[][] = [];
  const results: { series: Series; result: SeriesForecast }[] = [];
  const lastWeek = weeks[weeks.length - 1];
  for (const s of series) {
    const result = forecastSeries(s.units, { horizon: options.horizonWeeks, testWeeks: options.backtestWeeks });
    results.push({ series: s, result });
    for (const p of result.points) {
      forecastRows.push([s.type, s.name, s.label, addDays(lastWeek as string, 7 * p.horizon), p.horizon, p.forecast, p.lower, p.upper, result.method]);
    }
    const testStart = weeks[weeks.length - options.backtestWeeks] as string;
    for (const b of result.backtest) {
      backtestRows.push([s.type, s.name, b.method, testStart, options.backtestWeeks, b.mae, b.smape, b.intervalCoverage, b.selectionMae, b.mase, b.maseSeasonal, b.parameters, b.chosen]);
    }
  }
  await writeTable(db, demandForecast, forecastRows);
  await writeTable(db, forecastBacktest, backtestRows);
  return describe(db, weeks, results, options);
}

async function describe(db: Database, weeks: string[], results: { series: Series; result: SeriesForecast }[], options: ResolvedActionOptions): Promise<string[]> {
  const days = await db.all<{ first_day: string; last_day: string }>('select min(invoiced_at)::date::varchar as first_day, max(invoiced_at)::date::varchar as last_day from fact_invoice_line');
  const { first_day: firstDay, last_day: lastDay } = days[0] ?? { first_day: '', last_day: '' };
  if (!weeks.length) return ['demand: the data holds no complete week, so no forecast'];
  const notes = [
    `demand: ${weeks.length} complete weeks ${weeks[0]}..${weeks[weeks.length - 1]} (data ${weekday(firstDay)} ${firstDay} to ${weekday(lastDay)} ${lastDay}; partial weeks dropped), ` +
      `${results.filter((r) => r.series.type === 'category').length} categories and ${results.filter((r) => r.series.type === 'product').length} products forecast ${options.horizonWeeks} weeks`,
  ];
  const tested = results.filter((r) => r.result.backtest.length);
  if (tested.length < results.length) notes.push(`demand: ${results.length - tested.length} series too short for a ${options.backtestWeeks}-week backtest, forecast naive`);
  for (const type of ['category', 'product'] as const) {
    const group = tested.filter((r) => r.series.type === type);
    if (!group.length) continue;
    const mean = (pick: (r: SeriesForecast) => number) => group.reduce((s, r) => s + pick(r.result), 0) / group.length;
    const of = (method: ForecastMethod | 'chosen', key: 'mae' | 'smape') => mean((r) => {
      const score = r.backtest.find((b) => (method === 'chosen' ? b.chosen : b.method === method));
      return score ? score[key] : Number.NaN;
    });
    const meanOf = (values: (number | null | undefined)[]) => {
      const known = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      return known.length ? known.reduce((s, v) => s + v, 0) / known.length : null;
    };
    const chosenMase = meanOf(group.map((r) => r.result.backtest.find((b) => b.chosen)?.mase));
    const naiveMase = meanOf(group.map((r) => r.result.backtest.find((b) => b.method === 'naive')?.mase));
    const seasonalMase = meanOf(group.map((r) => r.result.backtest.find((b) => b.method === 'seasonal_naive')?.mase));
    const seasonalCandidates = group.filter((r) => r.result.backtest.some((b) => b.method === 'seasonal_naive' && b.selectionMae !== null)).length;
    const change = of('naive', 'mae') > 0 ? (1 - of('chosen', 'mae') / of('naive', 'mae')) * 100 : 0;
    notes.push(
      `demand forecast (${type}): on the last ${options.backtestWeeks} weeks, which took no part in choosing the method, the chosen methods' errors are ` +
        `${Math.abs(change).toFixed(0)}% ${change >= 0 ? 'smaller' : 'larger'} than those of repeating last week's units (naive; mean MASE ${chosenMase?.toFixed(2) ?? 'n/a'} against ${naiveMase?.toFixed(2) ?? 'n/a'}` +
        (seasonalMase === null
          ? `; no seasonal method was tried: the choice's latest origin has ${Math.max(0, weeks.length - 2 * options.backtestWeeks)} weeks before it and a yearly season needs ${SEASONAL_MIN_WEEKS})`
          : `, seasonal naive ${seasonalMase.toFixed(2)}; seasonal methods were candidates for ${seasonalCandidates} of ${group.length} series)`),
    );
    const chosen = new Map<string, number>();
    for (const r of group) chosen.set(r.result.method, (chosen.get(r.result.method) ?? 0) + 1);
    notes.push(
      `demand backtest (${type}, last ${options.backtestWeeks} weeks, mean over ${group.length} series): chosen MAE ${of('chosen', 'mae').toFixed(1)} / sMAPE ${of('chosen', 'smape').toFixed(1)}%, ` +
        `naive ${of('naive', 'mae').toFixed(1)} / ${of('naive', 'smape').toFixed(1)}%, moving average ${of('moving_average', 'mae').toFixed(1)} / ${of('moving_average', 'smape').toFixed(1)}%; ` +
        `chosen: ${[...chosen.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([m, n]) => `${m} ${n}`).join(', ')}`,
    );
  }
  return notes;
}
