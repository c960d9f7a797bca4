import type { Prng } from './prng.js';

/**
 * Time in the sample: whole minutes since 1970-01-01 in UTC. The real data carries no time zone,
 * so UTC arithmetic keeps every date exactly as written, whatever the machine's zone.
 */
export type Minute = number;

const MINUTES_PER_DAY = 24 * 60;

export function minuteOf(year: number, month: number, day: number, hour = 0, minute = 0): Minute {
  return Date.UTC(year, month - 1, day, hour, minute) / 60000;
}

/** First and last sale of the real data; the sample spans the same year. */
export const FIRST_SALE: Minute = minuteOf(2010, 12, 1, 8, 26);
export const LAST_SALE: Minute = minuteOf(2011, 12, 9, 12, 50);
export const FIRST_DAY = Math.floor(FIRST_SALE / MINUTES_PER_DAY);
export const LAST_DAY = Math.floor(LAST_SALE / MINUTES_PER_DAY);

/** Day number (days since 1970-01-01) of a calendar date. */
export function dayOf(year: number, month: number, day: number): number {
  return Math.floor(minuteOf(year, month, day) / MINUTES_PER_DAY);
}

/** The shop was closed on Saturdays and over Christmas 2010, as the real data shows. */
export function isTradingDay(day: number): boolean {
  const weekday = new Date(day * MINUTES_PER_DAY * 60000).getUTCDay();
  if (weekday === 6) return false;
  return day < dayOf(2010, 12, 24) || day > dayOf(2011, 1, 3);
}

/** Relative order volume by month (1 = January): busy autumn, peak in November. */
const MONTH_WEIGHT = [0.8, 0.7, 0.9, 0.8, 0.9, 0.9, 0.9, 0.9, 1.2, 1.4, 2.0, 1.3] as const;
const MAX_WEIGHT = Math.max(...MONTH_WEIGHT);

/** Relative basket size by month: shops stock up for Christmas in the autumn. */
export function basketSeason(at: Minute): number {
  const month = new Date(at * 60000).getUTCMonth() + 1;
  return month === 11 ? 1.5 : month === 9 || month === 10 ? 1.2 : 1;
}

function monthWeight(day: number): number {
  return MONTH_WEIGHT[new Date(day * MINUTES_PER_DAY * 60000).getUTCMonth()] as number;
}

/** A trading day in [from, to], favouring the busy months. */
export function seasonalDay(rng: Prng, from: number, to: number): number {
  const lo = Math.max(from, FIRST_DAY);
  const hi = Math.min(to, LAST_DAY);
  for (let attempt = 0; attempt < 500; attempt++) {
    const day = rng.int(lo, Math.max(lo, hi));
    if (isTradingDay(day) && rng.next() * MAX_WEIGHT < monthWeight(day)) return day;
  }
  return nextTradingDay(lo);
}

export function nextTradingDay(day: number): number {
  let d = day;
  while (!isTradingDay(d)) d++;
  return d;
}

/** A time of day within opening hours (07:30–19:59, busiest around midday); never after the last sale. */
export function saleMinute(rng: Prng, day: number): Minute {
  const start = 7 * 60 + 30;
  const end = 19 * 60 + 59;
  const hourBias = (rng.next() + rng.next()) / 2;
  let offset = Math.round(start + hourBias * (end - start));
  const at = day * MINUTES_PER_DAY + offset;
  if (at > LAST_SALE) offset = Math.max(start, (LAST_SALE % MINUTES_PER_DAY) - rng.int(0, 180));
  return Math.min(day * MINUTES_PER_DAY + offset, LAST_SALE);
}

/** A sale time strictly after `after` (by at least five minutes) and at most `maxDays` later, or undefined. */
export function saleAfter(rng: Prng, after: Minute, maxDays: number): Minute | undefined {
  const firstDay = Math.floor(after / MINUTES_PER_DAY);
  for (let attempt = 0; attempt < 50; attempt++) {
    const day = nextTradingDay(firstDay + rng.int(0, maxDays));
    if (day > LAST_DAY) continue;
    const at = saleMinute(rng, day);
    if (at >= after + 5 && at <= LAST_SALE) return at;
  }
  return undefined;
}

/** Formats as the public CSV copies do: `M/D/YYYY H:MM`, for example `12/1/2010 8:26`. */
export function formatInvoiceDate(at: Minute): string {
  const d = new Date(at * 60000);
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${d.getUTCHours()}:${mm}`;
}

/** Reads `M/D/YYYY H:MM` back into minutes (for tests and checks). */
export function parseInvoiceDate(text: string): Minute {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`not an invoice date: ${text}`);
  const [, month, day, year, hour, minute] = m.map(Number) as [number, number, number, number, number, number];
  return minuteOf(year, month, day, hour, minute);
}
