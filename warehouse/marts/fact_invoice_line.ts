import { defineTable } from '../spec/types.js';
import { MATCH_LABELS, LINE_TYPES, money, count } from './helpers/columns.js';

/** The sales facts at their finest grain. */
export const factInvoiceLine = defineTable({
  name: 'fact_invoice_line',
  description:
    'Every valid sales line with its amount and flags; guest sales, cancellations and duplicates included. net_quantity is what ' +
    'remains after the cancellation match (warehouse/CANCELLATIONS.md); sum(net_quantity) = sum(quantity).',
  grain: 'One sales line of one invoice.',
  layer: 'mart',
  sql: 'marts/fact_invoice_line.sql',
  dependsOn: ['stg_sales_lines', 'fact_cancellation'],
  publish: true,
  primaryKey: ['line_id'],
  storedInKeyOrder: true,
  foreignKeys: [
    { columns: ['invoice_no'], references: { table: 'fact_invoice', columns: ['invoice_no'] } },
    { columns: ['customer_id'], references: { table: 'dim_customer', columns: ['customer_id'] }, allowNull: true },
    { columns: ['stock_code'], references: { table: 'dim_product', columns: ['stock_code'] } },
    { columns: ['country'], references: { table: 'dim_country', columns: ['country'] } },
    { columns: ['date_key'], references: { table: 'dim_date', columns: ['date_key'] } },
  ],
  columns: [
    { name: 'line_id', type: 'BIGINT', description: 'Line id from staging.' },
    { name: 'invoice_no', type: 'VARCHAR', description: 'Invoice number.' },
    { name: 'stock_code', type: 'VARCHAR', description: 'Product code.' },
    { name: 'customer_id', type: 'BIGINT', description: 'Customer; null for guest sales.', nullable: true },
    { name: 'country', type: 'VARCHAR', description: 'Country as named in the data.' },
    { name: 'invoiced_at', type: 'TIMESTAMP', description: 'Invoice date and time.', format: 'datetime' },
    { name: 'invoice_date', type: 'DATE', description: 'Invoice date.', format: 'date' },
    { name: 'date_key', type: 'INTEGER', description: 'Invoice date as yyyymmdd (key of dim_date).' },
    { name: 'quantity', type: 'INTEGER', description: 'Units; negative on cancellations.', format: 'integer' },
    { name: 'unit_price', type: 'DECIMAL(18,3)', description: 'Price per unit in pounds sterling.', format: 'money' },
    { name: 'line_amount', type: 'DECIMAL(18,3)', description: 'quantity x unit_price.', format: 'money' },
    { name: 'is_cancellation', type: 'BOOLEAN', description: 'Line of a C invoice.' },
    { name: 'is_adjustment', type: 'BOOLEAN', description: 'Line of an A invoice.' },
    { name: 'is_service', type: 'BOOLEAN', description: 'Not a product (postage, fees, vouchers, ...).' },
    { name: 'is_duplicate', type: 'BOOLEAN', description: 'Exact copy of an earlier line.' },
    { name: 'is_guest', type: 'BOOLEAN', description: 'No customer id.' },
    {
      name: 'line_type',
      type: 'VARCHAR',
      description: 'sale (positive quantity), cancellation (C invoice), adjustment (A invoice, bad debt), stock_correction (zero or negative quantity outside C invoices: damages, write-offs).',
      accepted: LINE_TYPES,
    },
    count('cancelled_quantity', 'Sale lines: units taken back by later cancellations of the same customer and product; 0 on other lines.'),
    count('net_quantity', 'Sale lines: quantity - cancelled_quantity (never negative); cancellation lines: minus the units no order took; other lines: quantity.'),
    money('net_line_amount', 'net_quantity x unit_price; on sale lines the net revenue of the line.'),
    money('cancelled_amount', 'cancelled_quantity x unit_price: revenue of this sale taken back by cancellations.'),
    { name: 'cancellation_label', type: 'VARCHAR', description: 'Cancellation lines: how the match went (see fact_cancellation); null on other lines.', nullable: true, accepted: MATCH_LABELS },
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
    {
      name: 'fact_invoice_line_net_quantity_in_range',
      description: 'After matching, a sale keeps between 0 and its quantity; a cancellation keeps between its quantity and 0.',
      sql: `select line_id, line_type, quantity, cancelled_quantity, net_quantity from fact_invoice_line
            where (line_type = 'sale' and (net_quantity < 0 or net_quantity > quantity or net_quantity <> quantity - cancelled_quantity))
               or (line_type = 'cancellation' and (net_quantity > 0 or net_quantity < quantity))
               or (line_type not in ('sale', 'cancellation') and (net_quantity <> quantity or cancelled_quantity <> 0))`,
    },
    {
      name: 'fact_invoice_line_net_quantity_reconciles',
      description: 'Matching moves units between lines but never creates or loses one: sum(net_quantity) = sum(quantity).',
      sql: `select * from (select sum(quantity) as quantity, sum(net_quantity) as net_quantity from fact_invoice_line) where quantity <> net_quantity`,
    },
    {
      name: 'fact_invoice_line_cancellation_label_only_on_cancellations',
      description: 'Every cancellation line has a match label; no other line has one.',
      sql: `select line_id, line_type, cancellation_label from fact_invoice_line where (line_type = 'cancellation') <> (cancellation_label is not null)`,
    },
  ],
});
