import { defineTable } from '../spec/types.js';
import { source } from './helpers/columns.js';

/** Lines of a source that repeat a line of an earlier source: counted once, kept out of staging. */
export const sourceOverlap = defineTable({
  name: 'source_overlap',
  description: 'Lines left out because an earlier source (input file path order, then sheet order) holds the same line: year sheets sharing days, daily exports repeating their edges.',
  grain: 'One repeated line of a later source.',
  layer: 'quality',
  sql: 'staging/source_overlap.sql',
  dependsOn: ['raw_sales_lines', 'raw_sources'],
  publish: false,
  primaryKey: ['source_file', 'line_number'],
  columns: [
    ...source,
    { name: 'first_source_file', type: 'VARCHAR', description: 'The earlier source holding the line that is kept.' },
    { name: 'first_line_number', type: 'BIGINT', description: 'Line (or row) of the kept line in that source.' },
  ],
});
