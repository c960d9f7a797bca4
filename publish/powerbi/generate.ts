import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';

import { withDatabase } from '../../warehouse/db.js';
import type { TableSpec } from '../../warehouse/spec/types.js';
import { computeKpis } from '../kpis.js';
import { attachPublishedFolder } from '../parquet-views.js';
import { powerBiProjectFiles, writePowerBiProject } from './project.js';
import type { KpiSnapshot } from './readme.js';

const SnapshotSchema = z.object({
  source: z.string(),
  values: z.array(z.object({ name: z.string(), description: z.string(), format: z.enum(['money', 'integer', 'percent', 'decimal']), value: z.number().nullable() })),
});

/** Reads the committed KPI snapshot of a project folder, if there is one. */
export function readKpiSnapshot(projectDir: string): KpiSnapshot | undefined {
  const file = join(projectDir, 'kpis.json');
  return existsSync(file) ? SnapshotSchema.parse(JSON.parse(readFileSync(file, 'utf8'))) : undefined;
}

/** Computes the KPI values from the Parquet files of a published folder (e.g. <output>/<warehouse>/published/current). */
export async function kpiSnapshotFromPublished(folder: string, published: readonly TableSpec[]): Promise<KpiSnapshot> {
  const manifestFile = join(folder, 'manifest.json');
  const manifest = existsSync(manifestFile)
    ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as { refreshId?: string; tables?: { name: string; rows: number }[] })
    : {};
  const values = await withDatabase(':memory:', async (db) => {
    await attachPublishedFolder(db, folder, published);
    return computeKpis(db, published);
  });
  const rowsRead = values.find((v) => v.name === 'Rows Read')?.value;
  const source = `the published run ${manifest.refreshId ?? basename(realpathSync(folder))}${rowsRead ? ` (${rowsRead.toLocaleString('en-GB')} input lines)` : ''}`;
  return { source, values };
}

/**
 * Regenerates the Power BI project in `projectDir` from the published tables; keeps the committed
 * KPI snapshot unless a new one is given.
 */
export function generatePowerBiProject(projectDir: string, published: readonly TableSpec[], snapshot?: KpiSnapshot): number {
  const files = powerBiProjectFiles(published, snapshot ?? readKpiSnapshot(projectDir));
  writePowerBiProject(projectDir, files);
  return files.size;
}

export function writeSnapshot(projectDir: string, snapshot: KpiSnapshot): void {
  writeFileSync(join(projectDir, 'kpis.json'), `${JSON.stringify(snapshot, null, 2)}\n`);
}
