import { defineTable } from '../spec/types.js';
import { source } from './helpers/columns.js';

/** Every input line as text, before any parsing: the start of the row accounting. */
export const rawSalesLines = defineTable({
  name: 'raw_sales_lines',
  description: 'Input lines exactly as read, all values as text, with their origin.',
  grain: 'One line of one input file.',
  layer: 'staging',
  sql: 'staging/raw_sales_lines.sql',
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
