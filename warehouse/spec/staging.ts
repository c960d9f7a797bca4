import { defineTable } from './types.js';

const source = [
  { name: 'source_file', type: 'VARCHAR', description: 'Source the line came from: the input file path, or path#sheet for a workbook sheet.' },
  { name: 'line_number', type: 'BIGINT', description: 'Line (CSV) or row (Excel) number in the source file; the header is line 1.' },
] as const;

/** Every input line as text, before any parsing: the start of the row accounting. */
export const rawSalesLines = defineTable({
  name: 'raw_sales_lines',
  description: 'Input lines exactly as read, all values as text, with their origin.',
  grain: 'One line of one input file.',
  layer: 'staging',
  publish: false,
  primaryKey: ['source_file', 'line_number'],
  columns: [
    ...source,
    { name: 'invoice_no', type: 'VARCHAR', description: 'InvoiceNo / Invoice as written.', nullable: true },
    { name: 'stock_code', type: 'VARCHAR', description: 'StockCode as written.', nullable: true },
    { name: 'description', type: 'VARCHAR', description: 'Description as written.', nullable: true },
    { name: 'quantity', type: 'VARCHAR', description: 'Quantity as written.', nullable: true },
    { name: 'invoice_date', type: 'VARCHAR', description: 'InvoiceDate as written (text, or an ISO timestamp from an Excel date cell).', nullable: true },
    { name: 'unit_price', type: 'VARCHAR', description: 'UnitPrice / Price as written.', nullable: true },
    { name: 'customer_id', type: 'VARCHAR', description: 'CustomerID / Customer ID as written.', nullable: true },
    { name: 'country', type: 'VARCHAR', description: 'Country as written.', nullable: true },
    { name: 'spanned_lines', type: 'INTEGER', description: 'Physical lines the line covers when a quoted field holds line breaks; null for a line of one physical line (and for workbook rows).', nullable: true },
    { name: 'swallowed_sales_lines', type: 'INTEGER', description: 'Of the physical lines after the first, how many hold as many delimiters as a sales line (a stray quote swallowed them); such a line is quarantined.', nullable: true },
  ],
});

/** How each source (a CSV file or a workbook sheet) was read: the choices extract made, per source. */
export const rawSources = defineTable({
  name: 'raw_sources',
  description: 'Sources whose lines the warehouse holds (CSV files, workbook sheets), how each was read and which refresh read it.',
  grain: 'One CSV file or one workbook sheet; an incremental refresh carries over the sources of the last published warehouse.',
  layer: 'staging',
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

/** What a refresh did with each input file it was given: read it, or skip it because its content is already loaded. */
export const inputFileLog = defineTable({
  name: 'input_file_log',
  description: 'Input files given to a refresh and what extract did with each: loaded, replaced, or skipped as already loaded.',
  grain: 'One input file given to one refresh.',
  layer: 'quality',
  publish: false,
  primaryKey: ['refresh_id', 'input_file'],
  columns: [
    { name: 'refresh_id', type: 'VARCHAR', description: 'The refresh that was given the file.' },
    { name: 'input_file', type: 'VARCHAR', description: 'The input file (absolute path).' },
    { name: 'content_sha256', type: 'VARCHAR', description: 'SHA-256 of the file\'s bytes.' },
    { name: 'bytes', type: 'BIGINT', description: 'File size in bytes.', format: 'integer' },
    {
      name: 'status',
      type: 'VARCHAR',
      description:
        'loaded: read now; replaced: read now, in place of the different content an earlier refresh read from the same path; ' +
        'skipped_already_loaded: an earlier refresh loaded the same content; skipped_same_content: another file of this refresh has the same content.',
      accepted: ['loaded', 'replaced', 'skipped_already_loaded', 'skipped_same_content'],
    },
    { name: 'loaded_input_file', type: 'VARCHAR', description: 'For a skipped file: the file whose lines hold the content (the same path, or a copy).', nullable: true },
    { name: 'loaded_by_refresh', type: 'VARCHAR', description: 'For a skipped file: the refresh that loaded the content.', nullable: true },
    { name: 'sources', type: 'INTEGER', description: 'Sources read from the file now (sheets of a workbook; 1 for a CSV; 0 when skipped).', format: 'integer' },
    { name: 'rows_read', type: 'BIGINT', description: 'Lines read from the file now (0 when skipped).', format: 'integer' },
  ],
});

/** Lines of a source that repeat a line of an earlier source: counted once, kept out of staging. */
export const sourceOverlap = defineTable({
  name: 'source_overlap',
  description: 'Lines left out because an earlier source (input file path order, then sheet order) holds the same line: year sheets sharing days, daily exports repeating their edges.',
  grain: 'One repeated line of a later source.',
  layer: 'quality',
  publish: false,
  primaryKey: ['source_file', 'line_number'],
  columns: [
    ...source,
    { name: 'first_source_file', type: 'VARCHAR', description: 'The earlier source holding the line that is kept.' },
    { name: 'first_line_number', type: 'BIGINT', description: 'Line (or row) of the kept line in that source.' },
  ],
});

/** Lines that passed the contract, typed and flagged; the only source the marts read. */
export const stgSalesLines = defineTable({
  name: 'stg_sales_lines',
  description: 'Sales lines that passed the contract: typed, trimmed, flagged, nothing dropped.',
  grain: 'One valid input line.',
  layer: 'staging',
  publish: false,
  primaryKey: ['line_id'],
  columns: [
    { name: 'line_id', type: 'BIGINT', description: 'Stable id: the position of the line among all lines read, sources in name order then line number (gaps where lines were quarantined or repeat an earlier source).' },
    ...source,
    { name: 'invoice_no', type: 'VARCHAR', description: 'Invoice number; "C…" cancels, "A…" adjusts.' },
    { name: 'stock_code', type: 'VARCHAR', description: 'Product code, upper-cased.' },
    { name: 'description', type: 'VARCHAR', description: 'Product description, trimmed.', nullable: true },
    { name: 'quantity', type: 'INTEGER', description: 'Units; negative on cancellations.' },
    { name: 'invoiced_at', type: 'TIMESTAMP', description: 'Invoice date and time.' },
    { name: 'unit_price', type: 'DECIMAL(18,3)', description: 'Price per unit in pounds sterling.', format: 'money' },
    { name: 'line_amount', type: 'DECIMAL(18,3)', description: 'quantity x unit_price, exact.', format: 'money' },
    { name: 'customer_id', type: 'BIGINT', description: 'Customer number; null for guest sales.', nullable: true },
    { name: 'country', type: 'VARCHAR', description: 'Country as named in the data.' },
    { name: 'is_cancellation', type: 'BOOLEAN', description: 'Invoice number starts with C.' },
    { name: 'is_adjustment', type: 'BOOLEAN', description: 'Invoice number starts with A (bad-debt adjustments).' },
    { name: 'is_service', type: 'BOOLEAN', description: 'Postage, fees, manual lines, vouchers and other non-products.' },
    { name: 'is_duplicate', type: 'BOOLEAN', description: 'An exact copy of an earlier line (the first copy is not flagged).' },
    { name: 'is_guest', type: 'BOOLEAN', description: 'No customer id.' },
    { name: 'is_nonpositive_price', type: 'BOOLEAN', description: 'Unit price zero or negative.' },
  ],
});

/** Lines that broke the contract, with the reason: the other half of the row accounting. */
export const quarantine = defineTable({
  name: 'quarantine',
  description: 'Input lines rejected by the contract, with raw values and the reason.',
  grain: 'One rejected input line.',
  layer: 'quality',
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

/** Rows read = rows staged + rows quarantined, per file and run. */
export const loadAudit = defineTable({
  name: 'load_audit',
  description: 'Row and line accounting per source (CSV file or workbook sheet): read = staged + quarantined + overlapping; for a CSV file, physical lines = header + read + blank + joined.',
  grain: 'One source (CSV file or workbook sheet) of one refresh.',
  layer: 'quality',
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

/** Every cleaning rule and how many lines it touched in the refresh. */
export const cleaningRuleCounts = defineTable({
  name: 'cleaning_rule_counts',
  description: 'Cleaning rules applied by validate and the number of lines each touched.',
  grain: 'One cleaning rule of one refresh.',
  layer: 'quality',
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

/** Data-quality profile of the input columns, built in SQL from the staged lines. */
export const tabInfo = defineTable({
  name: 'tab_info',
  description: 'Profile of each input column after staging: type, nulls, distinct values, range, IQR outliers.',
  grain: 'One input column of one refresh.',
  layer: 'quality',
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

/** Staging and data-quality tables, in build order. */
export const STAGING_TABLES = [rawSalesLines, rawSources, inputFileLog, sourceOverlap, stgSalesLines, quarantine, loadAudit, cleaningRuleCounts, tabInfo];
