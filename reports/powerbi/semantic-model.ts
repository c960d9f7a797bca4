import type { ColumnSpec, TableSpec } from '../../warehouse/spec/types.js';
import { demandChartTable, type CalculatedTable } from '../demand-chart.js';
import { kpisFor, type Kpi } from '../kpis/index.js';
import { bindRoles } from '../roles.js';
import { dateTableSemantics, hiddenColumns, productCancellationRateMeasure, productNetRevenueMeasure, timeIntelligenceMeasures, type DateTableSemantics } from './model-semantics.js';

/** A column computed in the model (DAX), not read from Parquet. */
export interface CalculatedColumn {
  name: string;
  expression: string;
  dataType: 'dateTime' | 'string' | 'int64';
  formatString?: string;
  description: string;
}

export type { CalculatedTable };

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
  /** Columns kept out of the field list (keys, technical columns, the many side of relationships). */
  hidden?: ReadonlySet<string>;
  /** Set on the table marked as the model's date table. */
  date?: DateTableSemantics;
}

/** Everything the TMDL and the report are generated from. */
export interface SemanticModel {
  tables: ModelTable[];
  /** Tables computed in DAX from the others, each with its measures. */
  calculatedTables: { table: CalculatedTable; measures: Kpi[] }[];
  relationships: ModelRelationship[];
  /** Foreign keys Power BI cannot express (composite keys, unpublished targets), for the README. */
  skipped: string[];
  /** Names of the time-intelligence measures (Power BI only, over the marked date table). */
  timeIntelligence: ReadonlySet<string>;
}

/** Name of the month column added to the sales table when no date dimension is published. */
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
  if (sales && !roles.date && !sales.spec.columns.some((c) => c.name === MONTH_COLUMN)) {
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
  const demand = demandChartTable(roles);
  const calculatedTables = demand ? [{ table: demand, measures: kpis.filter((k) => k.table === demand.name) }] : [];
  checkNames([...tables, ...calculatedTables.map((c) => asModelTable(c.table, c.measures))]);
  const { relationships, skipped } = planRelationships(published);
  const fromColumns = new Set(relationships.map((r) => `${r.fromTable}.${r.fromColumn}`));
  for (const table of tables) table.hidden = hiddenColumns(table.spec, fromColumns);
  const timeIntelligence = new Set<string>();
  const dateTable = roles.date ? tables.find((t) => t.spec.name === roles.date?.name) : undefined;
  const date = dateTable ? dateTableSemantics(dateTable.spec) : undefined;
  if (dateTable && date) {
    dateTable.date = date;
    const salesTable = sales && tables.find((t) => t.spec.name === sales.name);
    const joined = sales && roles.date && relationships.some((r) => r.isActive && r.fromTable === sales.name && r.toTable === roles.date?.name);
    if (salesTable && joined && salesTable.measures.some((m) => m.name === 'Net Revenue')) {
      for (const m of timeIntelligenceMeasures(salesTable.spec.name, dateTable.spec.name, date.dateColumn)) {
        salesTable.measures.push(m);
        timeIntelligence.add(m.name);
      }
    }
  }
  const productTable = roles.product && tables.find((t) => t.spec.name === roles.product?.name);
  const productJoined = sales && roles.product && relationships.some((r) => r.isActive && r.fromTable === sales.name && r.toTable === roles.product?.name);
  if (productTable && productJoined && productTable.spec.columns.some((c) => c.name === 'is_service') && kpis.some((k) => k.name === 'Net Revenue')) {
    productTable.measures.push(productNetRevenueMeasure(productTable.spec.name, 'is_service'));
    if (kpis.some((k) => k.name === 'Cancellation Rate')) productTable.measures.push(productCancellationRateMeasure(productTable.spec.name, 'is_service', sales.name, sales.col.lineType));
  }
  return { tables, calculatedTables, relationships, skipped, timeIntelligence };
}

/** A calculated table seen as a model table, for the name checks. */
function asModelTable(table: CalculatedTable, measures: Kpi[]): ModelTable {
  const spec: TableSpec = {
    name: table.name,
    description: table.description,
    grain: '',
    layer: 'mart',
    publish: false,
    primaryKey: [],
    columns: table.columns.map((c) => ({ name: c.name, type: 'VARCHAR', description: c.description })),
  };
  return { spec, calculated: [], measures };
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

const isFact = (name: string) => name.startsWith('fact_');
const isDimension = (name: string) => name.startsWith('dim_');

/**
 * Order in which foreign keys claim an active relationship: the star (facts to dimensions, the
 * line fact first), then other tables to dimensions, then the rest (fact to fact, model to model).
 */
function priority(rel: Pick<ModelRelationship, 'fromTable' | 'toTable'>): number {
  if (rel.fromTable === 'fact_invoice_line' && isDimension(rel.toTable)) return 0;
  if (isFact(rel.fromTable) && isDimension(rel.toTable)) return 1;
  if (!isDimension(rel.fromTable) && isDimension(rel.toTable)) return 2;
  return 3;
}

/**
 * Single-column foreign keys to a table's primary key become relationships (the one side must be
 * unique). Filters flow from the one side to the many side; Power BI refuses two active filter paths
 * between the same two tables, so a key that would open a second path (or a cycle) is added as
 * inactive, still usable with USERELATIONSHIP. Keys are taken in priority order, so the star schema
 * stays active and links such as fact_invoice_line -> fact_invoice or dim_customer -> dim_country
 * (next to fact -> dim_country) become the inactive ones.
 */
function planRelationships(published: readonly TableSpec[]): { relationships: ModelRelationship[]; skipped: string[] } {
  const specs = new Map(published.map((s) => [s.name, s]));
  const skipped: string[] = [];
  const candidates: ModelRelationship[] = [];
  for (const spec of published) {
    for (const fk of spec.foreignKeys ?? []) {
      const label = `${spec.name}(${fk.columns.join(', ')}) -> ${fk.references.table}(${fk.references.columns.join(', ')})`;
      const target = specs.get(fk.references.table);
      if (!target) {
        skipped.push(`${label}: ${fk.references.table} is not published`);
        continue;
      }
      if (fk.columns.length !== 1 || fk.references.columns.length !== 1) {
        skipped.push(`${label}: Power BI relationships have a single column`);
        continue;
      }
      const toColumn = fk.references.columns[0] as string;
      if (target.primaryKey.length !== 1 || target.primaryKey[0] !== toColumn) {
        skipped.push(`${label}: ${toColumn} is not the primary key of ${target.name}, so it need not be unique`);
        continue;
      }
      candidates.push({ fromTable: spec.name, fromColumn: fk.columns[0] as string, toTable: target.name, toColumn, isActive: true });
    }
  }
  const ordered = candidates.map((rel, i) => ({ rel, i })).sort((a, b) => priority(a.rel) - priority(b.rel) || a.i - b.i);
  // Active filter edges: one side -> many side.
  const filters = new Map<string, Set<string>>();
  const reach = (from: string): Set<string> => {
    const seen = new Set([from]);
    const stack = [from];
    while (stack.length) for (const next of filters.get(stack.pop() as string) ?? []) if (!seen.has(next)) (seen.add(next), stack.push(next));
    return seen;
  };
  const reachedBy = (to: string): Set<string> => new Set([...filters.keys(), to].filter((n) => reach(n).has(to)));
  for (const { rel } of ordered) {
    const below = reach(rel.fromTable);
    const above = reachedBy(rel.toTable);
    // A second path: some table above the one side already reaches a table below the many side.
    const ambiguous = below.has(rel.toTable) || [...above].some((a) => [...reach(a)].some((b) => below.has(b)));
    if (ambiguous) rel.isActive = false;
    else filters.set(rel.toTable, new Set([...(filters.get(rel.toTable) ?? []), rel.fromTable]));
  }
  return { relationships: candidates, skipped };
}

/** Columns of a model table read from Parquet, in specification order. */
export function sourceColumns(table: ModelTable): readonly ColumnSpec[] {
  return table.spec.columns;
}
