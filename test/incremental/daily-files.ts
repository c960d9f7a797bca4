import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseInvoiceDate } from '../../scripts/sample/calendar.js';
import { toCsv } from '../../scripts/sample/csv.js';
import { generateSampleLines } from '../../scripts/sample/sample-lines.js';

/** Lines of day 1's end that day 2's export repeats, as overlapping exports do. */
export const OVERLAP_LINES = 5;

export interface DailyFiles {
  day1: string;
  day2: string;
  /** Data lines in each file (header not counted). */
  day1Lines: number;
  day2Lines: number;
}

/**
 * Splits the deterministic sample at the calendar day holding its middle line: day 1 holds the days
 * before, day 2 the rest plus the last few lines of day 1 again. File names sort in date order.
 */
export function writeDailyFiles(folder: string): DailyFiles {
  const [header, ...lines] = generateSampleLines();
  const day = (line: string[]) => Math.floor(parseInvoiceDate(line[4] as string) / (24 * 60));
  const cutoff = day(lines[Math.floor(lines.length / 2)] as string[]);
  const first = lines.filter((l) => day(l) < cutoff);
  const second = [...first.slice(-OVERLAP_LINES), ...lines.filter((l) => day(l) >= cutoff)];
  mkdirSync(folder, { recursive: true });
  const day1 = join(folder, 'sales-day-1.csv');
  const day2 = join(folder, 'sales-day-2.csv');
  writeFileSync(day1, toCsv([header as string[], ...first]));
  writeFileSync(day2, toCsv([header as string[], ...second]));
  return { day1, day2, day1Lines: first.length, day2Lines: second.length };
}

/** Copies a file under another name (same bytes), returning the new path. */
export function copyAs(path: string, target: string): string {
  copyFileSync(path, target);
  return target;
}
