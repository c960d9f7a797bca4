import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the tests need to know of a TMDL model, read back from the files (not from the generator). */
export interface ReadModel {
  tables: Map<
    string,
    { columns: Map<string, { dataType: string; sourceColumn?: string; calculated: boolean; props: Record<string, string>; flags: Set<string>; description: string }>;
      measureProps: Map<string, { props: Record<string, string>; description: string }>;
      props: Record<string, string>;
      description: string;
      hierarchies: Map<string, string[]>; measures: Map<string, string>; file?: string; types: Map<string, string>; calculatedTable: boolean }
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
    const lines = text.split('\n');
    // `/// text` lines directly above a declaration are its description.
    const descriptionAbove = (i: number) => {
      const out: string[] = [];
      for (let j = i - 1; j >= 0 && /^\t*\/\/\/ /.test(lines[j] as string); j--) out.unshift((lines[j] as string).replace(/^\t*\/\/\/ /, ''));
      return out.join(' ');
    };
    const block = (i: number, indent: string) => {
      const props: Record<string, string> = {};
      const flags = new Set<string>();
      for (let j = i + 1; j < lines.length && ((lines[j] as string).startsWith(indent) || lines[j] === ''); j++) {
        const l = lines[j] as string;
        if (l !== '' && l.startsWith(indent + '\t')) continue;
        const m = new RegExp(`^${indent}(\\w+): (.*)$`).exec(l);
        if (m) props[m[1] as string] = m[2] as string;
        else if (new RegExp(`^${indent}(\\w+)$`).test(l)) flags.add(l.trim());
      }
      return { props, flags };
    };
    const tableLine = lines.findIndex((l) => l.startsWith('table '));
    const table = {
      columns: new Map(),
      measures: new Map(),
      measureProps: new Map(),
      types: new Map(),
      file: undefined as string | undefined,
      calculatedTable: false,
      props: block(tableLine, '\t').props,
      description: descriptionAbove(tableLine),
      hierarchies: new Map<string, string[]>(),
    };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      const column = new RegExp(`^\\tcolumn ${NAME}( = .*)?$`).exec(line);
      if (column) {
        const props: Record<string, string> = {};
        for (let j = i + 1; j < lines.length && (lines[j] as string).startsWith('\t\t'); j++) {
          const m = /^\t\t(\w+): (.*)$/.exec(lines[j] as string);
          if (m) props[m[1] as string] = m[2] as string;
        }
        const { flags } = block(i, '\t\t');
        table.columns.set(unquote(column[1] as string), { dataType: props.dataType as string, sourceColumn: props.sourceColumn, calculated: Boolean(column[2]), props, flags, description: descriptionAbove(i) });
        if (column[2]) table.measures.set(`__calc:${column[1]}`, (column[2] as string).slice(3));
      }
      const measure = new RegExp(`^\\tmeasure ${NAME} = (.*)$`).exec(line);
      if (measure) {
        table.measures.set(unquote(measure[1] as string), measure[2] as string);
        table.measureProps.set(unquote(measure[1] as string), { props: block(i, '\t\t').props, description: descriptionAbove(i) });
      }
      const hierarchy = new RegExp(`^\\thierarchy ${NAME}$`).exec(line);
      if (hierarchy) {
        const levels: string[] = [];
        for (let j = i + 1; j < lines.length && ((lines[j] as string).startsWith('\t\t') || lines[j] === ''); j++) {
          const m = /^\t\t\tcolumn: (.*)$/.exec(lines[j] as string);
          if (m) levels.push(unquote(m[1] as string));
        }
        table.hierarchies.set(unquote(hierarchy[1] as string), levels);
      }
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
