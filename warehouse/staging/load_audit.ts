import { defineTable } from '../spec/types.js';

/** Rows read = rows staged + rows quarantined, per file and run. */
export const loadAudit = defineTable({
  name: 'load_audit',
  description: 'Row and line accounting per source (CSV file or workbook sheet): read = staged + quarantined + overlapping; for a CSV file, physical lines = header + read + blank + joined.',
  grain: 'One source (CSV file or workbook sheet) of one refresh.',
  layer: 'quality',
  sql: 'staging/load_audit.sql',
  dependsOn: ['raw_sales_lines', 'raw_sources', 'stg_sales_lines', 'quarantine', 'source_overlap'],
  publish: true,
  excelSheet: 'Load audit',
  primaryKey: ['refresh_id', 'source_file'],
  columns: [
    { name: 'refresh_id', type: 'VARCHAR', description: 'The refresh that loaded the file.' },
    { name: 'source_file', type: 'VARCHAR', description: 'Input file.' },
    { name: 'rows_read', type: 'BIGINT', description: 'Data lines read (header excluded).', format: 'integer' },
    { name: 'rows_staged', type: 'BIGINT', description: 'Lines that passed the contract.', format: 'integer' },
    { name: 'rows_quarantined', type: 'BIGINT', description: 'Lines rejected, see quarantine.', format: 'integer' },
    { name: 'rows_overlapping', type: 'BIGINT', description: 'Lines repeating a line of an earlier source, counted there (see source_overlap).', format: 'integer' },
    { name: 'physical_lines', type: 'BIGINT', description: 'Lines of the CSV file as a text editor counts them, header included; null for a sheet.', nullable: true, format: 'integer' },
    { name: 'blank_lines', type: 'BIGINT', description: 'Empty lines of the CSV file (skipped by the reader); null for a sheet.', nullable: true, format: 'integer' },
    { name: 'lines_joined', type: 'BIGINT', description: 'Physical lines that continue the line before through a line break inside quotes (counted with that line, quarantined when they read as sales lines); null for a sheet.', nullable: true, format: 'integer' },
    { name: 'input_file', type: 'VARCHAR', description: 'Input file the source belongs to.' },
    { name: 'sheet_name', type: 'VARCHAR', description: 'Workbook sheet; null for CSV.', nullable: true },
    { name: 'file_format', type: 'VARCHAR', description: 'csv or xlsx.', accepted: ['csv', 'xlsx'] },
    { name: 'compression', type: 'VARCHAR', description: 'none or gzip.', accepted: ['none', 'gzip'] },
    { name: 'encoding', type: 'VARCHAR', description: 'Detected text encoding; null for xlsx.', nullable: true },
    { name: 'delimiter', type: 'VARCHAR', description: 'Detected field delimiter; null for xlsx.', nullable: true },
    { name: 'header_layout', type: 'VARCHAR', description: 'Which known column layout the header follows.' },
  ],
  tests: [
    {
      name: 'load_audit_reconciles',
      description: 'Every line read is staged, quarantined, or counted once as a repeat of an earlier source.',
      sql: 'select * from load_audit where rows_read <> rows_staged + rows_quarantined + rows_overlapping',
    },
    {
      name: 'load_audit_physical_lines_reconcile',
      description: 'Every physical line of a CSV file is the header, a line read, a blank line, or a line joined to the one before by a line break inside quotes.',
      sql: 'select * from load_audit where blank_lines is not null and physical_lines <> 1 + rows_read + blank_lines + lines_joined',
    },
  ],
});
