import { defineTable } from '../spec/types.js';
import { source } from './helpers/columns.js';

/** Lines that broke the contract, with the reason: the other half of the row accounting. */
export const quarantine = defineTable({
  name: 'quarantine',
  description: 'Input lines rejected by the contract, with raw values and the reason.',
  grain: 'One rejected input line.',
  layer: 'quality',
  sql: 'staging/stg_sales_lines.sql',
  dependsOn: ['raw_sales_lines', 'raw_sources', 'source_overlap'],
  publish: true,
  excelSheet: 'Quarantine',
  primaryKey: ['source_file', 'line_number'],
  columns: [
    ...source,
    { name: 'reason', type: 'VARCHAR', description: 'Why the line was rejected (first failed rule).' },
    { name: 'column_name', type: 'VARCHAR', description: 'The column that failed, where one did.', nullable: true },
    { name: 'raw_values', type: 'VARCHAR', description: 'The line\'s raw values as JSON.' },
  ],
});
