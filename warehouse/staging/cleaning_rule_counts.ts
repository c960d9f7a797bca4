import { defineTable } from '../spec/types.js';

/** Every cleaning rule and how many lines it touched in the refresh. */
export const cleaningRuleCounts = defineTable({
  name: 'cleaning_rule_counts',
  description: 'Cleaning rules applied by validate and the number of lines each touched.',
  grain: 'One cleaning rule of one refresh.',
  layer: 'quality',
  sql: 'staging/cleaning_rule_counts.sql',
  dependsOn: ['stg_sales_lines', 'quarantine', 'source_overlap'],
  publish: true,
  excelSheet: 'Cleaning rules',
  primaryKey: ['refresh_id', 'rule'],
  columns: [
    { name: 'refresh_id', type: 'VARCHAR', description: 'The refresh the counts belong to.' },
    { name: 'rule_order', type: 'INTEGER', description: 'Display order of the rule.' },
    { name: 'rule', type: 'VARCHAR', description: 'Rule name.' },
    { name: 'action', type: 'VARCHAR', description: 'What the rule does to a line.', accepted: ['remove', 'quarantine', 'normalise', 'count', 'flag'] },
    { name: 'description', type: 'VARCHAR', description: 'What the rule does, in a sentence.' },
    { name: 'rows', type: 'BIGINT', description: 'Lines the rule touched.', format: 'integer' },
  ],
});
