import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the tests need to know of a TMDL model, read back from the files (not from the generator). */
export interface ReadModel {
  tables: Map<
    string,
    { columns: Map<string, { dataType: string; sourceColumn?: string; calculated: boolean }>; measures: Map<string, string>; file?: string; types: Map<string, string>; calculatedTable: boolean }
  >;
  relationships: { from: [string, string]; to: [string, string]; active: boolean }[];
  expressions: Map<string, string>;
}

const unquote = (name: string) => (name.startsWith("'") ? name.slice(1, -1).replaceAll("''", "'") : name);
const NAME = "('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_]*)";

/** Reads tables (columns, measures, partition source), relationships and expressions of a TMDL definition folder. */
export function readTmdl(definitionDir: string): ReadModel {
  const model: ReadModel = { tables: new Map(), relationships: [], expressions: new Map() };
  for (const file of readdirSync(join(definitionDir, 'tables'))) {
    const text = readFileSync(join(definitionDir, 'tables', file), 'utf8');
    const tableName = unquote((new RegExp(`^table ${NAME}`, 'm').exec(text) as RegExpExecArray)[1] as string);
    const table = { columns: new Map(), measures: new Map(), types: new Map(), file: undefined as string | undefined, calculatedTable: false };
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      const column = new RegExp(`^\\tcolumn ${NAME}( = .*)?$`).exec(line);
      if (column) {
        const props: Record<string, string> = {};
        for (let j = i + 1; j < lines.length && (lines[j] as string).startsWith('\t\t'); j++) {
          const m = /^\t\t(\w+): (.*)$/.exec(lines[j] as string);
          if (m) props[m[1] as string] = m[2] as string;
        }
        table.columns.set(unquote(column[1] as string), { dataType: props.dataType as string, sourceColumn: props.sourceColumn, calculated: Boolean(column[2]) });
        if (column[2]) table.measures.set(`__calc:${column[1]}`, (column[2] as string).slice(3));
      }
      const measure = new RegExp(`^\\tmeasure ${NAME} = (.*)$`).exec(line);
      if (measure) table.measures.set(unquote(measure[1] as string), measure[2] as string);
    }
    const source = /Parquet\.Document\(File\.Contents\(DataFolder & "([^"]+)"\)\)/.exec(text);
    table.file = source?.[1];
    table.calculatedTable = new RegExp(`^\\tpartition ${NAME} = calculated$`, 'm').test(text);
    for (const m of text.matchAll(/\{"([^"]+)", ([A-Za-z0-9.]+(?: [a-z]+)?)\}/g)) table.types.set(m[1] as string, m[2] as string);
    model.tables.set(tableName, table);
  }
  const rel = readFileSync(join(definitionDir, 'relationships.tmdl'), 'utf8');
  for (const block of rel.split(/^relationship /m).slice(1)) {
    const from = /fromColumn: (\S+)\.(\S+)/.exec(block) as RegExpExecArray;
    const to = /toColumn: (\S+)\.(\S+)/.exec(block) as RegExpExecArray;
    model.relationships.push({ from: [unquote(from[1] as string), unquote(from[2] as string)], to: [unquote(to[1] as string), unquote(to[2] as string)], active: !/isActive: false/.test(block) });
  }
  const expr = readFileSync(join(definitionDir, 'expressions.tmdl'), 'utf8');
  for (const m of expr.matchAll(new RegExp(`^expression ${NAME} = (.*)$`, 'gm'))) model.expressions.set(unquote(m[1] as string), m[2] as string);
  return model;
}

/** Every 'Table'[Column] and bare [Measure] reference in a DAX expression. */
export function daxReferences(dax: string): { columns: [string, string][]; measures: string[] } {
  const columns: [string, string][] = [];
  const measures: string[] = [];
  const re = /'((?:[^']|'')+)'\[([^\]]+)\]|([A-Za-z_][A-Za-z0-9_]*)\[([^\]]+)\]|\[([^\]]+)\]/g;
  for (const m of dax.matchAll(re)) {
    if (m[1]) columns.push([m[1].replaceAll("''", "'"), m[2] as string]);
    else if (m[3]) columns.push([m[3], m[4] as string]);
    else measures.push(m[5] as string);
  }
  return { columns, measures };
}
