import type { ColumnSpec, TableSpec } from '../../warehouse/spec/types.js';
import { kpisFor, type Kpi } from '../kpis.js';
import { bindRoles } from '../roles.js';

/** A column computed in the model (DAX), not read from Parquet. */
export interface CalculatedColumn {
  name: string;
  expression: string;
  dataType: 'dateTime' | 'string' | 'int64';
  formatString?: string;
  description: string;
}

export interface ModelRelationship {
  fromTable: string;
  fromColumn: string;
  toTable: string;
  toColumn: string;
  /** Power BI allows one active filter path between two tables; the others stay available to USERELATIONSHIP. */
  isActive: boolean;
}

export interface ModelTable {
  spec: TableSpec;
  calculated: CalculatedColumn[];
  measures: Kpi[];
}

/** Everything the TMDL and the report are generated from. */
export interface SemanticModel {
  tables: ModelTable[];
  relationships: ModelRelationship[];
  /** Foreign keys Power BI cannot express (composite keys, unpublished targets), for the README. */
  skipped: string[];
}

/** Name of the month column added to the sales table, so monthly charts do not need a date table. */
export const MONTH_COLUMN = 'invoice_month';

/**
 * Plans the Power BI model from the published tables: one model table per published table, the
 * measures whose tables exist, and single-column foreign keys as relationships.
 */
export function planSemanticModel(published: readonly TableSpec[]): SemanticModel {
  const roles = bindRoles(published);
  const kpis = kpisFor(published);
  const tables: ModelTable[] = published.map((spec) => ({
    spec,
    calculated: [],
    measures: kpis.filter((k) => k.table === spec.name),
  }));
  const sales = roles.sales;
  if (sales && !sales.spec.columns.some((c) => c.name === MONTH_COLUMN)) {
    const table = tables.find((t) => t.spec.name === sales.name) as ModelTable;
    const date = `'${sales.name}'[${sales.col.date}]`;
    table.calculated.push({
      name: MONTH_COLUMN,
      expression: `DATE(YEAR(${date}), MONTH(${date}), 1)`,
      dataType: 'dateTime',
      formatString: 'yyyy-mm',
      description: 'First day of the invoice month, for monthly charts.',
    });
  }
  checkNames(tables);
  const { relationships, skipped } = planRelationships(published);
  return { tables, relationships, skipped };
}

/** Power BI rejects a measure named like any column or another measure (names are case-insensitive). */
function checkNames(tables: ModelTable[]): void {
  const seen = new Map<string, string>();
  for (const t of tables) {
    const names = [...t.spec.columns.map((c) => c.name), ...t.calculated.map((c) => c.name)];
    for (const name of names) {
      const key = `${t.spec.name}.${name.toLowerCase()}`;
      if (seen.has(key)) throw new Error(`Power BI model: column ${t.spec.name}.${name} is declared twice`);
      seen.set(key, 'column');
    }
  }
  const measureNames = new Set<string>();
  const allColumns = new Set(tables.flatMap((t) => [...t.spec.columns.map((c) => c.name), ...t.calculated.map((c) => c.name)]).map((n) => n.toLowerCase()));
  for (const m of tables.flatMap((t) => t.measures)) {
    const key = m.name.toLowerCase();
    if (measureNames.has(key)) throw new Error(`Power BI model: two measures named ${m.name}`);
    if (allColumns.has(key)) throw new Error(`Power BI model: measure ${m.name} has the name of a column`);
    measureNames.add(key);
  }
}

function isFact(spec: TableSpec): boolean {
  return spec.name.startsWith('fact_');
}

/**
 * Single-column foreign keys become relationships. Facts' keys are added first; a key that would
 * close a loop of active relationships (two filter paths between the same tables, which Power BI
 * refuses) is added as inactive.
 */
function planRelationships(published: readonly TableSpec[]): { relationships: ModelRelationship[]; skipped: string[] } {
  const names = new Set(published.map((s) => s.name));
  const skipped: string[] = [];
  const candidates: ModelRelationship[] = [];
  const ordered = [...published.filter(isFact), ...published.filter((s) => !isFact(s))];
  for (const spec of ordered) {
    for (const fk of spec.foreignKeys ?? []) {
      const label = `${spec.name}(${fk.columns.join(', ')}) -> ${fk.references.table}(${fk.references.columns.join(', ')})`;
      if (!names.has(fk.references.table)) {
        skipped.push(`${label}: ${fk.references.table} is not published`);
        continue;
      }
      if (fk.columns.length !== 1 || fk.references.columns.length !== 1) {
        skipped.push(`${label}: Power BI relationships have a single column`);
        continue;
      }
      candidates.push({
        fromTable: spec.name,
        fromColumn: fk.columns[0] as string,
        toTable: fk.references.table,
        toColumn: fk.references.columns[0] as string,
        isActive: true,
      });
    }
  }
  const parent = new Map<string, string>();
  const root = (n: string): string => {
    let r = n;
    while (parent.has(r)) r = parent.get(r) as string;
    return r;
  };
  for (const rel of candidates) {
    const a = root(rel.fromTable);
    const b = root(rel.toTable);
    if (a === b) rel.isActive = false;
    else parent.set(a, b);
  }
  return { relationships: candidates, skipped };
}

/** Columns of a model table read from Parquet, in specification order. */
export function sourceColumns(table: ModelTable): readonly ColumnSpec[] {
  return table.spec.columns;
}
