import { defineTable } from '../spec/types.js';

/** Data-quality profile of the input columns, built in SQL from the staged lines. */
export const tabInfo = defineTable({
  name: 'tab_info',
  description: 'Profile of each input column after staging: type, nulls, distinct values, range, IQR outliers.',
  grain: 'One input column of one refresh.',
  layer: 'quality',
  sql: 'staging/tab_info.sql',
  dependsOn: ['stg_sales_lines'],
  publish: true,
  excelSheet: 'Column profile',
  primaryKey: ['refresh_id', 'column_name'],
  columns: [
    { name: 'refresh_id', type: 'VARCHAR', description: 'The refresh profiled.' },
    { name: 'column_position', type: 'INTEGER', description: 'Position of the column in the input layout.' },
    { name: 'column_name', type: 'VARCHAR', description: 'Column in stg_sales_lines.' },
    { name: 'source_column', type: 'VARCHAR', description: 'Input column name (Online Retail layout).' },
    { name: 'data_type', type: 'VARCHAR', description: 'DuckDB type after staging.' },
    { name: 'non_null_count', type: 'BIGINT', description: 'Staged lines with a value.', format: 'integer' },
    { name: 'null_count', type: 'BIGINT', description: 'Staged lines without a value.', format: 'integer' },
    { name: 'null_percentage', type: 'DOUBLE', description: 'null_count as a percentage of staged lines.', format: 'decimal' },
    { name: 'distinct_count', type: 'BIGINT', description: 'Distinct values (exact).', format: 'integer' },
    { name: 'min_value', type: 'VARCHAR', description: 'Smallest value, as text.', nullable: true },
    { name: 'max_value', type: 'VARCHAR', description: 'Largest value, as text.', nullable: true },
    { name: 'q1', type: 'DOUBLE', description: 'First quartile (numeric columns with outlier counts).', nullable: true, format: 'decimal' },
    { name: 'q3', type: 'DOUBLE', description: 'Third quartile.', nullable: true, format: 'decimal' },
    { name: 'lower_fence', type: 'DOUBLE', description: 'Q1 - 1.5 x IQR.', nullable: true, format: 'decimal' },
    { name: 'upper_fence', type: 'DOUBLE', description: 'Q3 + 1.5 x IQR.', nullable: true, format: 'decimal' },
    { name: 'outliers_below', type: 'BIGINT', description: 'Lines below the lower fence.', nullable: true, format: 'integer' },
    { name: 'outliers_above', type: 'BIGINT', description: 'Lines above the upper fence.', nullable: true, format: 'integer' },
    { name: 'outlier_rule', type: 'VARCHAR', description: 'The outlier rule applied, stated in words.', nullable: true },
  ],
});
