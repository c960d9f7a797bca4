import { TABLES, type TableSpec } from './tables.js';

const LAYER_TITLES: Record<TableSpec['layer'], string> = {
  staging: 'Staging',
  quality: 'Data quality',
  mart: 'Star schema and marts',
  model: 'Models',
  action: 'Actions',
  operations: 'Operations',
};

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function tableSection(spec: TableSpec): string {
  const lines = [`### ${spec.name}`, '', cell(spec.description), '', `*Grain:* ${cell(spec.grain)} *Key:* ${spec.primaryKey.join(', ')}.`];
  const published = spec.publish ? `Published as \`${spec.name}.parquet\`${spec.excelSheet ? ` and the Excel sheet "${spec.excelSheet}"` : ''}.` : 'Not published.';
  lines.push(published);
  for (const fk of spec.foreignKeys ?? []) {
    lines.push(`References ${fk.references.table} (${fk.columns.join(', ')} → ${fk.references.columns.join(', ')})${fk.allowNull ? ', where not null' : ''}.`);
  }
  lines.push('', '| column | type | description |', '|---|---|---|');
  for (const column of spec.columns) {
    const extras = [column.nullable ? 'may be null' : '', column.accepted ? `one of ${column.accepted.join(', ')}` : ''].filter(Boolean);
    lines.push(`| ${column.name} | ${column.type} | ${cell(column.description)}${extras.length ? ` (${extras.join('; ')})` : ''} |`);
  }
  if (spec.tests?.length) {
    lines.push('', 'Data tests besides keys, relationships and accepted values:', '');
    for (const test of spec.tests) lines.push(`- \`${test.name}\`: ${cell(test.description)}`);
  }
  return lines.join('\n');
}

/** The table reference (docs/TABLES.md), generated from the table specification so it cannot drift. */
export function tableReference(): string {
  const parts = [
    '# Table reference',
    '',
    'Generated from the table contracts (`warehouse/<layer>/<table>.ts`, composed in `warehouse/tables.ts`) by `npm run generate-docs`; do not edit by hand.',
    'Every published table is a Parquet file in `published/current/` and a table of the Power BI model;',
    'all tables are in `warehouse.duckdb`.',
  ];
  for (const layer of Object.keys(LAYER_TITLES) as TableSpec['layer'][]) {
    const specs = TABLES.filter((t) => t.layer === layer);
    if (!specs.length) continue;
    parts.push('', `## ${LAYER_TITLES[layer]}`, '', ...specs.map((s) => `${tableSection(s)}\n`));
  }
  return `${parts.join('\n').trimEnd()}\n`;
}
