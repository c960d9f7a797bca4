import { defineTable } from './types.js';

const source = [
  { name: 'source_file', type: 'VARCHAR', description: 'Input file the line came from (path as given).' },
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
    { name: 'line_id', type: 'BIGINT', description: 'Stable id: position of the line ordered by source file and line number.' },
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
  description: 'Row accounting per input file: read, staged, quarantined.',
  grain: 'One input file of one refresh.',
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
  ],
  tests: [
    {
      name: 'load_audit_reconciles',
      description: 'Every line read is staged or quarantined.',
      sql: 'select * from load_audit where rows_read <> rows_staged + rows_quarantined',
    },
  ],
});

/** Staging and data-quality tables, in build order. */
export const STAGING_TABLES = [rawSalesLines, stgSalesLines, quarantine, loadAudit];
