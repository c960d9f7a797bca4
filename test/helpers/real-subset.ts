import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { FULL_DATA_SET } from '../../runtime/project.js';

/**
 * Writes every line of one customer in `every` of the full Online Retail file (guest lines: one
 * invoice in `every`) as a CSV in `dir`, unchanged, and returns its path and line count. The whole
 * period, real quirks and each kept customer's whole history (cancellations included) at a fraction
 * of the full data's cost, for tests whose subject is the runtime (a killed worker, a restarted
 * server) rather than the figures. The file has no line breaks inside fields and no comma in its
 * last two (customer, country), so those are read from the end of each line.
 */
export function writeRealSubset(dir: string, every = 5): { path: string; lines: number } {
  const [header, ...rows] = gunzipSync(readFileSync(FULL_DATA_SET)).toString('utf8').split(/\r?\n/);
  const kept = rows.filter((line) => {
    if (line === '') return false;
    const fields = line.split(',');
    const customer = fields[fields.length - 2] ?? '';
    const key = customer === '' ? Number(fields[0]?.replace(/\D/g, '') || 0) : Math.round(Number(customer));
    return key % every === 0;
  });
  const path = join(dir, `online_retail_1_in_${every}.csv`);
  writeFileSync(path, `${header}\n${kept.join('\n')}\n`);
  return { path, lines: kept.length };
}
