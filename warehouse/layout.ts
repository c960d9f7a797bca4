import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { PathEscapeError } from '../schemas/errors.js';
import { isInside } from '../schemas/paths.js';

/**
 * Where a warehouse keeps its files under the output folder:
 *
 *   <output>/<warehouse>/runs/<refreshId>/work.duckdb   the database a refresh builds (one writer)
 *   <output>/<warehouse>/warehouse.duckdb               the last published database, for ad-hoc SQL
 *   <output>/<warehouse>/published/<refreshId>/          Parquet, workbook, dashboard, manifest of a run
 *   <output>/<warehouse>/published/current               the published run readers should use
 */
export function warehouseLayout(outputDir: string, warehouse: string, refreshId?: string) {
  const root = join(resolve(outputDir), warehouse);
  const runDir = refreshId ? join(root, 'runs', refreshId) : undefined;
  return {
    root,
    runsDir: join(root, 'runs'),
    runDir,
    workDatabase: runDir ? join(runDir, 'work.duckdb') : undefined,
    publishedRoot: join(root, 'published'),
    publishedRunDir: refreshId ? join(root, 'published', refreshId) : undefined,
    currentLink: join(root, 'published', 'current'),
    currentManifest: join(root, 'published', 'current.json'),
    database: join(root, 'warehouse.duckdb'),
  };
}

/** The same layout for a refresh, where every path is defined. */
export function refreshLayout(outputDir: string, warehouse: string, refreshId: string) {
  const layout = warehouseLayout(outputDir, warehouse, refreshId);
  return {
    ...layout,
    runDir: layout.runDir as string,
    workDatabase: layout.workDatabase as string,
    publishedRunDir: layout.publishedRunDir as string,
  };
}

/**
 * Throws unless `path` stays inside `outputDir` once symbolic links are followed, so that a link
 * planted in the output folder cannot redirect the warehouse's writes elsewhere.
 */
export function assertInsideOutput(outputDir: string, path: string): void {
  const root = realpathSync(resolve(outputDir));
  let existing = resolve(path);
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  const real = realpathSync(existing);
  if (!isInside(real, root)) {
    throw new PathEscapeError(`${path} leads outside the output folder ${outputDir} (through a symbolic link to ${real})`);
  }
}
