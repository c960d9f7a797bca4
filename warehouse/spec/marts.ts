import { defineTable } from './types.js';

/** The sales facts at their finest grain. */
export const factInvoiceLine = defineTable({
  name: 'fact_invoice_line',
  description: 'Every valid sales line with its amount and flags; guest sales included.',
  grain: 'One sales line of one invoice.',
  layer: 'mart',
  publish: true,
  primaryKey: ['line_id'],
  columns: [
    { name: 'line_id', type: 'BIGINT', description: 'Line id from staging.' },
    { name: 'invoice_no', type: 'VARCHAR', description: 'Invoice number.' },
    { name: 'stock_code', type: 'VARCHAR', description: 'Product code.' },
    { name: 'customer_id', type: 'BIGINT', description: 'Customer; null for guest sales.', nullable: true },
    { name: 'country', type: 'VARCHAR', description: 'Country as named in the data.', dataCategory: 'Country' },
    { name: 'invoiced_at', type: 'TIMESTAMP', description: 'Invoice date and time.', format: 'datetime' },
    { name: 'invoice_date', type: 'DATE', description: 'Invoice date.', format: 'date' },
    { name: 'quantity', type: 'INTEGER', description: 'Units; negative on cancellations.', format: 'integer' },
    { name: 'unit_price', type: 'DECIMAL(18,3)', description: 'Price per unit in pounds sterling.', format: 'money' },
    { name: 'line_amount', type: 'DECIMAL(18,3)', description: 'quantity x unit_price.', format: 'money' },
    { name: 'is_cancellation', type: 'BOOLEAN', description: 'Line of a C invoice.' },
    { name: 'is_adjustment', type: 'BOOLEAN', description: 'Line of an A invoice.' },
    { name: 'is_service', type: 'BOOLEAN', description: 'Not a product (postage, fees, vouchers, ...).' },
    { name: 'is_duplicate', type: 'BOOLEAN', description: 'Exact copy of an earlier line.' },
    { name: 'is_guest', type: 'BOOLEAN', description: 'No customer id.' },
  ],
  tests: [
    {
      name: 'fact_invoice_line_reconciles_with_staging',
      description: 'Line count and revenue in the fact equal those in staging.',
      sql: `select * from (
              select (select count(*) from fact_invoice_line) as fact_lines, (select count(*) from stg_sales_lines) as stg_lines,
                     (select sum(line_amount) from fact_invoice_line) as fact_amount, (select sum(line_amount) from stg_sales_lines) as stg_amount)
            where fact_lines <> stg_lines or fact_amount is distinct from stg_amount`,
    },
  ],
});

/** Star schema and marts, in build order. */
export const MART_TABLES = [factInvoiceLine];
