import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';

import { withDatabase } from '../../warehouse/db.js';
import type { TableSpec } from '../../warehouse/spec/types.js';
import { computeKpis } from '../kpis/index.js';
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
  const hasInputs = published.some((s) => s.name === 'load_audit' && s.columns.some((c) => c.name === 'input_file'));
  const { values, inputs } = await withDatabase(':memory:', async (db) => {
    await attachPublishedFolder(db, folder, published);
    const files = hasInputs ? await db.all<{ input_file: string }>('select distinct input_file from load_audit order by 1') : [];
    return { values: await computeKpis(db, published), inputs: files.map((f) => basename(f.input_file)) };
  });
  const rowsRead = values.find((v) => v.name === 'Rows Read')?.value;
  const details = [inputs.length ? inputs.join(', ') : '', rowsRead ? `${rowsRead.toLocaleString('en-GB')} input lines` : ''].filter(Boolean).join(', ');
  const source = `the published run ${manifest.refreshId ?? basename(realpathSync(folder))}${details ? ` (${details})` : ''}`;
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
