import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';

import { withDatabase } from '../../warehouse/db.js';

const SCALE_SQL = readFileSync(new URL('./scale.sql', import.meta.url), 'utf8');

/**
 * Makes `factor` copies of the real data set in one CSV, each copy with its own customers and
 * invoices (ids offset per copy) and dates shifted by a few days, so customers, products and
 * seasonality keep their shape while the volume grows. Cached: generated once per factor.
 */
export async function scaledInput(input: string, factor: number, cacheDir: string): Promise<string> {
  if (factor === 1) return input;
  mkdirSync(cacheDir, { recursive: true });
  const out = join(cacheDir, `${basename(input).replace(/\.csv(\.gz)?$/i, '')}_x${factor}.csv`);
  if (existsSync(out)) return out;
  const tmp = `${out}.${process.pid}.tmp`;
  await withDatabase(':memory:', (db) => db.run(`copy (${SCALE_SQL}) to $out (format csv, header true)`, { input, factor, out: tmp }));
  renameSync(tmp, out);
  return out;
}
