import { defineTable } from '../spec/types.js';
import { source } from './helpers/columns.js';

/** Lines that passed the contract, typed and flagged; the only source the marts read. */
export const stgSalesLines = defineTable({
  name: 'stg_sales_lines',
  description: 'Sales lines that passed the contract: typed, trimmed, flagged, nothing dropped.',
  grain: 'One valid input line.',
  layer: 'staging',
  sql: 'staging/stg_sales_lines.sql',
  dependsOn: ['raw_sales_lines', 'raw_sources', 'source_overlap'],
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
