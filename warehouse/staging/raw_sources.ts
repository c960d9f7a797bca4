import { defineTable } from '../spec/types.js';

/** How each source (a CSV file or a workbook sheet) was read: the choices extract made, per source. */
export const rawSources = defineTable({
  name: 'raw_sources',
  description: 'Sources whose lines the warehouse holds (CSV files, workbook sheets), how each was read and which refresh read it.',
  grain: 'One CSV file or one workbook sheet; an incremental refresh carries over the sources of the last published warehouse.',
  layer: 'staging',
  sql: 'staging/raw_sales_lines.sql',
  publish: false,
  primaryKey: ['source_file'],
  columns: [
    { name: 'source_file', type: 'VARCHAR', description: 'The source name its lines carry (path, or path#sheet).' },
    { name: 'input_file', type: 'VARCHAR', description: 'The input file (absolute path).' },
    { name: 'sheet_name', type: 'VARCHAR', description: 'Workbook sheet name; null for CSV.', nullable: true },
    { name: 'sheet_index', type: 'INTEGER', description: 'Position of the sheet in its workbook (1 = first); null for CSV.', nullable: true },
    { name: 'file_format', type: 'VARCHAR', description: 'csv or xlsx, told from the file content.', accepted: ['csv', 'xlsx'] },
    { name: 'compression', type: 'VARCHAR', description: 'none or gzip.', accepted: ['none', 'gzip'] },
    { name: 'encoding', type: 'VARCHAR', description: 'Detected text encoding; null for xlsx.', nullable: true, accepted: ['utf-8', 'latin-1'] },
    { name: 'delimiter', type: 'VARCHAR', description: 'Field delimiter detected from the header; null for xlsx.', nullable: true },
    { name: 'header_layout', type: 'VARCHAR', description: 'Which known column layout the header follows.', accepted: ['Online Retail', 'Online Retail II'] },
    { name: 'rows_read', type: 'BIGINT', description: 'Data lines read into raw_sales_lines.' },
    { name: 'physical_lines', type: 'BIGINT', description: 'Lines in the CSV file including the header; null for xlsx.', nullable: true },
    { name: 'blank_lines', type: 'BIGINT', description: 'Empty lines of the CSV file, which the reader skips; null for xlsx (and for sources loaded before blank lines were counted).', nullable: true },
    { name: 'content_sha256', type: 'VARCHAR', description: 'SHA-256 of the input file\'s bytes as read (compressed bytes for .gz); an incremental refresh skips a file whose hash is here.' },
    { name: 'loaded_by_refresh', type: 'VARCHAR', description: 'The refresh that read the source\'s lines.' },
  ],
});
