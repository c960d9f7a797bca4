import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { TableSpec } from '../../warehouse/spec/types.js';
import { bindRoles } from '../roles.js';
import { powerBiReadme, type KpiSnapshot } from './readme.js';
import { planReport } from './report-plan.js';
import { platformFile } from './platform.js';
import { reportDefinition, reportStaticResources } from './report.js';
import { planSemanticModel } from './semantic-model.js';
import { semanticModelDefinition } from './tmdl.js';

export const PROJECT_NAME = 'OnlineRetail';
const FABRIC = 'https://developer.microsoft.com/json-schemas/fabric';
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Every file of the powerbi/ folder, keyed by path relative to it, generated from the published
 * tables of the specification (and the committed KPI snapshot for the README).
 */
export function powerBiProjectFiles(published: readonly TableSpec[], snapshot?: KpiSnapshot): Map<string, string> {
  const model = planSemanticModel(published);
  const pages = planReport(model, bindRoles(published));
  const files = new Map<string, string>();
  const sm = `${PROJECT_NAME}.SemanticModel`;
  const rp = `${PROJECT_NAME}.Report`;
  files.set(
    `${PROJECT_NAME}.pbip`,
    json({ $schema: `${FABRIC}/pbip/pbipProperties/1.0.0/schema.json`, version: '1.0', artifacts: [{ report: { path: rp } }], settings: { enableAutoRecovery: true } }),
  );
  files.set(`${sm}/definition.pbism`, json({ $schema: `${FABRIC}/item/semanticModel/definitionProperties/1.0.0/schema.json`, version: '4.0', settings: {} }));
  for (const [path, text] of semanticModelDefinition(model)) files.set(`${sm}/definition/${path}`, text);
  files.set(
    `${rp}/definition.pbir`,
    json({ $schema: `${FABRIC}/item/report/definitionProperties/2.0.0/schema.json`, version: '4.0', datasetReference: { byPath: { path: `../${sm}` } } }),
  );
  for (const [path, text] of reportDefinition(pages)) files.set(`${rp}/definition/${path}`, text);
  for (const [path, text] of reportStaticResources()) files.set(`${rp}/${path}`, text);
  files.set(`${sm}/.platform`, json(platformFile('SemanticModel', PROJECT_NAME)));
  files.set(`${rp}/.platform`, json(platformFile('Report', PROJECT_NAME)));
  // Power BI Desktop writes local settings and a data cache beside the definitions; they are per machine.
  files.set('.gitignore', '**/.pbi/localSettings.json\n**/.pbi/cache.abf\n');
  files.set('README.md', powerBiReadme(published, model, pages, snapshot));
  if (snapshot) files.set('kpis.json', json(snapshot));
  return files;
}

/** Folders the generator owns entirely: files in them that it no longer generates are removed. */
const OWNED = [`${PROJECT_NAME}.SemanticModel/definition`, `${PROJECT_NAME}.Report/definition`, `${PROJECT_NAME}.Report/StaticResources`];

/** Writes the project into `dir`, removing generated files of tables or pages that no longer exist. */
export function writePowerBiProject(dir: string, files: Map<string, string>): void {
  for (const owned of OWNED) rmSync(join(dir, owned), { recursive: true, force: true });
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Every file under `dir` (relative paths, '/' separated, sorted), skipping Power BI's local .pbi folders. */
export function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (entry.name !== '.pbi') out.push(...listFiles(dir, rel));
    } else out.push(rel);
  }
  return out.sort();
}
