import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

import { attachPublishedFolder } from '../../reports/parquet-views.js';
import { PARQUET_TYPES, powerBiType } from '../../reports/powerbi/type-map.js';
import { quoteIdent as q, withDatabase } from '../../warehouse/db.js';
import { PUBLISHED_TABLES } from '../../warehouse/tables.js';
import { fixtureCsv, runPipeline, type PipelineRun } from '../publish/pipeline.js';
import { daxReferences, readTmdl, type ReadModel } from './tmdl-reader.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEFINITION = join(ROOT, 'powerbi/OnlineRetail.SemanticModel/definition');
const REPORT = join(ROOT, 'powerbi/OnlineRetail.Report/definition');

let run: PipelineRun;
let current: string;
let model: ReadModel;

beforeAll(async () => {
  run = await runPipeline();
  current = join(run.layout.publishedRoot, 'current');
  model = readTmdl(DEFINITION);
}, 60_000);

describe('the Power BI model against a published run', () => {
  it('reads a Parquet file that exists for every table, with every source column present and of a compatible type', async () => {
    const specs = new Map(PUBLISHED_TABLES.map((s) => [s.name, s]));
    const imported = [...model.tables].filter(([, t]) => !t.calculatedTable);
    expect(imported.map(([name]) => name).sort()).toEqual([...specs.keys()].sort());
    await withDatabase(':memory:', async (db) => {
      for (const [name, table] of imported) {
        const spec = specs.get(name);
        if (!spec) throw new Error(`${name} is in the model but not published`);
        expect(table.file, `${name} partition`).toBe(`${name}.parquet`);
        const file = join(current, table.file as string);
        expect(existsSync(file), file).toBe(true);
        const schema = await db.all<{ name: string; type: string; logical_type: string | null; converted_type: string | null }>(
          "select name, type, cast(logical_type as varchar) as logical_type, converted_type from parquet_schema($file) where name <> 'duckdb_schema'",
          { file },
        );
        const parquet = new Map(schema.map((c) => [c.name, c]));
        for (const [columnName, column] of table.columns) {
          if (column.calculated) continue;
          const source = column.sourceColumn as string;
          const specColumn = spec.columns.find((c) => c.name === source);
          const inFile = parquet.get(source);
          expect(specColumn, `${name}.${source} in spec`).toBeDefined();
          expect(inFile, `${name}.${source} in ${table.file}`).toBeDefined();
          if (!specColumn || !inFile) continue;
          const want = PARQUET_TYPES[specColumn.type];
          expect(inFile.type, `${name}.${columnName} physical type`).toBe(want.type);
          if (want.logical) expect(`${inFile.logical_type ?? ''} ${inFile.converted_type ?? ''}`, `${name}.${columnName} logical type`).toMatch(want.logical);
          expect(column.dataType).toBe(powerBiType(specColumn.type).dataType);
          expect(table.types.get(source), `${name}.${source} Power Query type`).toBe(powerBiType(specColumn.type).m);
        }
      }
    });
  });

  it('holds the rows of every table in primary-key order, those copied as stored included', async () => {
    expect(PUBLISHED_TABLES.filter((t) => t.storedInKeyOrder).map((t) => t.name)).toContain('fact_invoice_line');
    await withDatabase(':memory:', async (db) => {
      for (const spec of PUBLISHED_TABLES) {
        const key = `row(${spec.primaryKey.map(q).join(', ')})`;
        const outOfOrder = await db.number(
          `select count(*) from (
             select ${key} as k, lag(${key}) over (order by file_row_number) as previous from read_parquet($file, file_row_number = true)
           ) where previous >= k`,
          { file: join(current, `${spec.name}.parquet`) },
        );
        expect(outOfOrder, spec.name).toBe(0);
      }
    });
  });

  it('has relationships whose one side is unique and whose many side always matches', async () => {
    await withDatabase(':memory:', async (db) => {
      await attachPublishedFolder(db, current, PUBLISHED_TABLES);
      for (const r of model.relationships) {
        const [ft, fc] = r.from;
        const [tt, tc] = r.to;
        expect(model.tables.get(ft)?.columns.has(fc), `${ft}.${fc}`).toBe(true);
        expect(model.tables.get(tt)?.columns.has(tc), `${tt}.${tc}`).toBe(true);
        const duplicates = await db.number(`select count(*) from (select ${q(tc)} from ${q(tt)} group by all having count(*) > 1)`);
        expect(duplicates, `${tt}.${tc} must be unique`).toBe(0);
        const orphans = await db.number(
          `select count(*) from ${q(ft)} f where f.${q(fc)} is not null and not exists (select 1 from ${q(tt)} t where t.${q(tc)} = f.${q(fc)})`,
        );
        expect(orphans, `${ft}.${fc} -> ${tt}.${tc}`).toBe(0);
      }
    });
  });

  it('resolves every DAX reference to a column or measure of the model', () => {
    const measures = new Set([...model.tables.values()].flatMap((t) => [...t.measures.keys()]));
    let checked = 0;
    for (const [table, t] of model.tables) {
      for (const [name, dax] of t.measures) {
        const refs = daxReferences(dax);
        for (const [rt, rc] of refs.columns) expect(model.tables.get(rt)?.columns.has(rc), `${table}[${name}] uses '${rt}'[${rc}]`).toBe(true);
        for (const m of refs.measures) expect(measures.has(m), `${table}[${name}] uses [${m}]`).toBe(true);
        checked += refs.columns.length + refs.measures.length;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('resolves every field a visual uses', () => {
    const pagesDir = join(REPORT, 'pages');
    let fields = 0;
    for (const page of readdirSync(pagesDir).filter((p) => !p.endsWith('.json'))) {
      const visualsDir = join(pagesDir, page, 'visuals');
      if (!existsSync(visualsDir)) continue;
      for (const v of readdirSync(visualsDir)) {
        const text = readFileSync(join(visualsDir, v, 'visual.json'), 'utf8');
        // The drill-through page's Back button is the one visual with no field.
        if (JSON.parse(text).visual.visualType === 'actionButton') continue;
        const found = [...text.matchAll(/"(Column|Measure)": \{\s*"Expression": \{\s*"SourceRef": \{\s*"Entity": "([^"]+)"\s*\}\s*\},\s*"Property": "([^"]+)"/g)];
        expect(found.length, `${page}/${v} shows no field`).toBeGreaterThan(0);
        for (const [, kind, table, property] of found) {
          const t = model.tables.get(table as string);
          const ok = kind === 'Column' ? t?.columns.has(property as string) : t?.measures.has(property as string);
          expect(ok, `${page}/${v}: ${kind} ${table}.${property}`).toBe(true);
          fields++;
        }
      }
    }
    expect(fields).toBeGreaterThan(10);
  });

  it('computes the KPI values the README promises from the same Parquet files', async () => {
    const { kpiSnapshotFromPublished } = await import('../../reports/powerbi/generate.js');
    const snapshot = await kpiSnapshotFromPublished(current, PUBLISHED_TABLES);
    const value = (name: string) => snapshot.values.find((v) => v.name === name)?.value;
    expect(value('Rows Read')).toBe(fixtureCsv().lines);
    expect(value('Rows Quarantined')).toBe(1);
    const orders = value('Total Orders') as number;
    expect(value('Average Order Value')).toBeCloseTo((value('Total Revenue') as number) / orders, 6);
    expect(value('Net Revenue')).toBeCloseTo((value('Total Revenue') as number) - (value('Cancelled Amount') as number), 2);
  });
});
