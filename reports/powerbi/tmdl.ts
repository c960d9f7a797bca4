import type { ColumnSpec } from '../../warehouse/spec/types.js';
import type { Kpi } from '../kpis/index.js';
import { formatString, measureFormat, powerBiType, stableGuid } from './type-map.js';
import { displayFolder, summarizeBy, type DateTableSemantics } from './model-semantics.js';
import type { CalculatedColumn, CalculatedTable, ModelRelationship, ModelTable, SemanticModel } from './semantic-model.js';

/** Culture of the model: the data is British (pounds, day-first dates in the source). */
const CULTURE = 'en-GB';

/** Default value of the DataFolder parameter; report authors change it to their published folder. */
export const DEFAULT_DATA_FOLDER = 'C:\\OnlineRetail\\output\\online-retail\\published\\current\\';

/** Quotes a TMDL object name when it is not a plain identifier. */
export function tmdlName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replaceAll("'", "''")}'`;
}

/** `/// description` lines; TMDL attaches them to the object declared on the next line. */
function doc(text: string, indent: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `${indent}/// ${line}`);
}

function columnLines(table: string, column: ColumnSpec, hidden: boolean, date?: DateTableSemantics): string[] {
  const type = powerBiType(column.type);
  const lines = [...doc(column.description, '\t'), `\tcolumn ${tmdlName(column.name)}`, `\t\tdataType: ${type.dataType}`];
  if (date?.dateColumn === column.name) lines.push('\t\tisKey');
  if (hidden) lines.push('\t\tisHidden');
  const format = column.type === 'BOOLEAN' ? undefined : formatString(column);
  if (format) lines.push(`\t\tformatString: ${format}`);
  lines.push(`\t\tlineageTag: ${stableGuid(`column:${table}.${column.name}`)}`);
  if (column.dataCategory) lines.push(`\t\tdataCategory: ${column.dataCategory}`);
  lines.push(`\t\tsummarizeBy: ${summarizeBy(column)}`, `\t\tsourceColumn: ${column.name}`);
  const sortBy = date?.sortBy[column.name];
  if (sortBy) lines.push(`\t\tsortByColumn: ${tmdlName(sortBy)}`);
  lines.push('');
  lines.push('\t\tannotation SummarizationSetBy = Automatic');
  if (column.type === 'DATE') lines.push('', '\t\tannotation UnderlyingDateTimeDataType = Date');
  lines.push('');
  return lines;
}

function calculatedLines(table: string, column: CalculatedColumn): string[] {
  const lines = [...doc(column.description, '\t'), `\tcolumn ${tmdlName(column.name)} = ${column.expression}`, `\t\tdataType: ${column.dataType}`];
  if (column.formatString) lines.push(`\t\tformatString: ${column.formatString}`);
  lines.push(`\t\tlineageTag: ${stableGuid(`column:${table}.${column.name}`)}`, '\t\tsummarizeBy: none', '');
  lines.push('\t\tannotation SummarizationSetBy = Automatic', '');
  return lines;
}

function measureLines(table: string, kpi: Kpi, timeIntelligence: ReadonlySet<string>): string[] {
  return [
    ...doc(kpi.description, '\t'),
    `\tmeasure ${tmdlName(kpi.name)} = ${kpi.dax}`,
    `\t\tformatString: ${measureFormat(kpi.format)}`,
    `\t\tdisplayFolder: ${displayFolder(kpi, timeIntelligence)}`,
    `\t\tlineageTag: ${stableGuid(`measure:${table}.${kpi.name}`)}`,
    '',
  ];
}

/** The Power Query that loads one table: its Parquet file with explicit column types. */
export function partitionQuery(table: ModelTable): string[] {
  const types = table.spec.columns.map((c) => `{"${c.name}", ${powerBiType(c.type).m}}`).join(', ');
  return [
    'let',
    `    Source = Parquet.Document(File.Contents(DataFolder & "${table.spec.name}.parquet")),`,
    `    Typed = Table.TransformColumnTypes(Source, {${types}})`,
    'in',
    '    Typed',
  ];
}

/** One tables/<name>.tmdl file. */
export function tableTmdl(table: ModelTable, timeIntelligence: ReadonlySet<string> = new Set()): string {
  const name = table.spec.name;
  const lines = [
    ...doc(`${table.spec.description} Grain: ${table.spec.grain}`, ''),
    `table ${tmdlName(name)}`,
    `\tlineageTag: ${stableGuid(`table:${name}`)}`,
  ];
  // Marked as the date table: Power BI's time intelligence (TOTALYTD, DATEADD) runs on its date column.
  if (table.date) lines.push('\tdataCategory: Time');
  lines.push('');
  for (const kpi of table.measures) lines.push(...measureLines(name, kpi, timeIntelligence));
  for (const column of table.spec.columns) lines.push(...columnLines(name, column, table.hidden?.has(column.name) ?? false, table.date));
  if (table.date) lines.push(...hierarchyLines(name, table.date));
  for (const column of table.calculated) lines.push(...calculatedLines(name, column));
  lines.push(`\tpartition ${tmdlName(name)} = m`, '\t\tmode: import', '\t\tsource =');
  lines.push(...partitionQuery(table).map((l) => `\t\t\t\t${l}`), '');
  lines.push('\tannotation PBI_ResultType = Table', '');
  return lines.join('\n');
}

/** One tables/<name>.tmdl file for a table computed in DAX (partition source = the expression). */
export function calculatedTableTmdl(table: CalculatedTable, measures: readonly Kpi[]): string {
  const name = table.name;
  const lines = [...doc(table.description, ''), `table ${tmdlName(name)}`, `\tlineageTag: ${stableGuid(`table:${name}`)}`, ''];
  for (const kpi of measures) lines.push(...measureLines(name, kpi, new Set()));
  for (const column of table.columns) {
    lines.push(...doc(column.description, '\t'), `\tcolumn ${tmdlName(column.name)}`, `\t\tdataType: ${column.dataType}`, '\t\tisNameInferred');
    if (column.formatString) lines.push(`\t\tformatString: ${column.formatString}`);
    lines.push(`\t\tlineageTag: ${stableGuid(`column:${name}.${column.name}`)}`, '\t\tsummarizeBy: none', `\t\tsourceColumn: [${column.name}]`, '');
    lines.push('\t\tannotation SummarizationSetBy = Automatic', '');
  }
  lines.push(`\tpartition ${tmdlName(name)} = calculated`, '\t\tmode: import', '\t\tsource =', `\t\t\t\t${table.expression}`, '');
  return lines.join('\n');
}

/** The Year > Quarter > Month > Day drill path of the date table. */
function hierarchyLines(table: string, date: DateTableSemantics): string[] {
  const { name, levels } = date.hierarchy;
  const lines = [`\thierarchy ${tmdlName(name)}`, `\t\tlineageTag: ${stableGuid(`hierarchy:${table}.${name}`)}`, ''];
  for (const level of levels) {
    lines.push(`\t\tlevel ${tmdlName(level.name)}`, `\t\t\tlineageTag: ${stableGuid(`level:${table}.${name}.${level.name}`)}`, `\t\t\tcolumn: ${tmdlName(level.column)}`, '');
  }
  return lines;
}

function columnRef(table: string, column: string): string {
  return `${tmdlName(table)}.${tmdlName(column)}`;
}

/** relationships.tmdl: one relationship per single-column foreign key. */
export function relationshipsTmdl(relationships: readonly ModelRelationship[]): string {
  const lines: string[] = [];
  for (const r of relationships) {
    lines.push(`relationship ${stableGuid(`relationship:${r.fromTable}.${r.fromColumn}->${r.toTable}.${r.toColumn}`)}`);
    if (!r.isActive) lines.push('\tisActive: false');
    lines.push(`\tfromColumn: ${columnRef(r.fromTable, r.fromColumn)}`, `\ttoColumn: ${columnRef(r.toTable, r.toColumn)}`, '');
  }
  return lines.join('\n');
}

/** expressions.tmdl: the DataFolder text parameter every table query starts from. */
export function expressionsTmdl(): string {
  return [
    '/// Folder holding the published Parquet files, with a trailing separator: <output>/<warehouse>/published/current/',
    `expression DataFolder = "${DEFAULT_DATA_FOLDER}" meta [IsParameterQuery=true, Type="Text", IsParameterQueryRequired=true]`,
    `\tlineageTag: ${stableGuid('expression:DataFolder')}`,
    '',
    '\tannotation PBI_ResultType = Text',
    '',
  ].join('\n');
}

export function databaseTmdl(): string {
  return ['database OnlineRetail', '\tcompatibilityLevel: 1567', ''].join('\n');
}

export function modelTmdl(model: SemanticModel): string {
  const tableNames = model.tables.map((t) => t.spec.name);
  const calculatedNames = model.calculatedTables.map((c) => c.table.name);
  return [
    'model Model',
    `\tculture: ${CULTURE}`,
    '\tdefaultPowerBIDataSourceVersion: powerBI_V3',
    '\tdiscourageImplicitMeasures',
    `\tsourceQueryCulture: ${CULTURE}`,
    '\tdataAccessOptions',
    '\t\tlegacyRedirects',
    '\t\treturnErrorValuesAsNull',
    '',
    // Explicit month columns replace the automatic date tables Power BI would add per date column.
    'annotation __PBI_TimeIntelligenceEnabled = 0',
    '',
    `annotation PBI_QueryOrder = ${JSON.stringify(['DataFolder', ...tableNames])}`,
    '',
    ...[...tableNames, ...calculatedNames].map((name) => `ref table ${tmdlName(name)}`),
    '',
  ].join('\n');
}

/** Every file of the semantic model's definition/ folder, keyed by path relative to it. */
export function semanticModelDefinition(model: SemanticModel): Map<string, string> {
  const files = new Map<string, string>();
  files.set('database.tmdl', databaseTmdl());
  files.set('model.tmdl', modelTmdl(model));
  files.set('expressions.tmdl', expressionsTmdl());
  files.set('relationships.tmdl', relationshipsTmdl(model.relationships));
  for (const table of model.tables) files.set(`tables/${table.spec.name}.tmdl`, tableTmdl(table, model.timeIntelligence));
  for (const { table, measures } of model.calculatedTables) files.set(`tables/${table.name}.tmdl`, calculatedTableTmdl(table, measures));
  return files;
}
