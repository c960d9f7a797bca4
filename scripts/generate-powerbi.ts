/**
 * Regenerates the Power BI project (powerbi/) from the table specification. With --kpis-from, also
 * computes the KPI values the README lists from a published run's Parquet files.
 */
import { resolve } from 'node:path';

import { generatePowerBiProject, kpiSnapshotFromPublished, writeSnapshot } from '../reports/powerbi/generate.js';
import { PUBLISHED_TABLES } from '../warehouse/tables.js';
import { parseCli, runMain } from './cli.js';

const USAGE = `
Usage: npx tsx scripts/generate-powerbi.ts [--out <dir>] [--kpis-from <published folder>]

  --out <dir>          project folder to write (default: powerbi)
  --kpis-from <dir>    a published run, e.g. output/online-retail/published/current: its KPI values
                       go into <out>/kpis.json and the README (otherwise the committed ones are kept)
`;

runMain(async () => {
  const args = parseCli(USAGE, { out: { type: 'string', default: 'powerbi' }, 'kpis-from': { type: 'string' } });
  const out = resolve(args.out);
  const snapshot = args['kpis-from'] ? await kpiSnapshotFromPublished(resolve(args['kpis-from']), PUBLISHED_TABLES) : undefined;
  if (snapshot) writeSnapshot(out, snapshot);
  const count = generatePowerBiProject(out, PUBLISHED_TABLES, snapshot);
  console.log(`Wrote ${count} files to ${out}`);
});
