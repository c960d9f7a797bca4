import { defineTable } from '../spec/types.js';
import { INVOICE_TYPES, money, count, SALES } from './helpers/columns.js';

/** One row per invoice. */
export const factInvoice = defineTable({
  name: 'fact_invoice',
  description: 'Invoices with their totals: sales, cancellation (C), bad-debt adjustment (A) and stock-correction invoices. Dated by their first line. An order is an invoice of type sale.',
  grain: 'One invoice number.',
  layer: 'mart',
  sql: 'marts/fact_invoice.sql',
  dependsOn: ['fact_invoice_line'],
  publish: true,
  primaryKey: ['invoice_no'],
  storedInKeyOrder: true,
  foreignKeys: [
    { columns: ['customer_id'], references: { table: 'dim_customer', columns: ['customer_id'] }, allowNull: true },
    { columns: ['country'], references: { table: 'dim_country', columns: ['country'] } },
    { columns: ['date_key'], references: { table: 'dim_date', columns: ['date_key'] } },
  ],
  columns: [
    { name: 'invoice_no', type: 'VARCHAR', description: 'Invoice number.' },
    { name: 'customer_id', type: 'BIGINT', description: 'Customer; null for guest invoices.', nullable: true },
    { name: 'country', type: 'VARCHAR', description: 'Country of the invoice.' },
    { name: 'invoiced_at', type: 'TIMESTAMP', description: 'Time of the first line (43 invoices span two minutes).', format: 'datetime' },
    { name: 'date_key', type: 'INTEGER', description: 'Invoice date as yyyymmdd.' },
    { name: 'invoice_type', type: 'VARCHAR', description: 'cancellation (C invoice), adjustment (A invoice), sale (at least one sale line: an order), or stock_correction (only zero or negative quantities outside C invoices).', accepted: INVOICE_TYPES },
    count('line_count', 'Lines on the invoice.'),
    count('product_count', 'Distinct stock codes on the invoice.'),
    { name: 'item_count', type: 'BIGINT', description: 'Units: the sum of line quantities (negative for cancellations).', format: 'integer' },
    { name: 'items_sold', type: 'BIGINT', description: 'Units on sale lines (the basket size of an order).', format: 'integer' },
    money('invoice_amount', 'Sum of line amounts.'),
    money('gross_amount', 'Gross revenue: amounts of sale lines (0 on other invoices).'),
    { name: 'cancelled_quantity', type: 'BIGINT', description: 'Units of this invoice later cancelled.', format: 'integer' },
    money('cancelled_amount', 'Revenue of this invoice later cancelled.'),
    money('net_amount', 'Sum of net line amounts (invoice_amount - cancelled_amount on sales invoices).'),
    { name: 'is_cancellation', type: 'BOOLEAN', description: 'A C invoice.' },
    { name: 'is_fully_cancelled', type: 'BOOLEAN', description: 'A sales invoice every unit of which was later cancelled.' },
    { name: 'has_cancellation', type: 'BOOLEAN', description: 'At least one unit of the invoice was later cancelled.' },
    { name: 'has_real_purchase', type: 'BOOLEAN', description: 'A real purchase: at least one sale line of a product (not a service, postage or test code) at a price above £0. Only these make a customer.' },
    { name: 'is_guest', type: 'BOOLEAN', description: 'No customer id.' },
  ],
  tests: [
    {
      name: 'fact_invoice_reconciles_with_lines',
      description: 'Invoice count, line count, amounts, gross and net amounts equal those of fact_invoice_line.',
      sql: `select * from (
              select (select count(*) from fact_invoice) as invoices, (select count(distinct invoice_no) from fact_invoice_line) as line_invoices,
                     (select sum(line_count) from fact_invoice) as lines, (select count(*) from fact_invoice_line) as fact_lines,
                     (select sum(invoice_amount) from fact_invoice) as amount, (select sum(line_amount) from fact_invoice_line) as line_amount,
                     (select sum(net_amount) from fact_invoice) as net, (select sum(net_line_amount) from fact_invoice_line) as line_net,
                     (select sum(gross_amount) from fact_invoice) as gross, (select sum(line_amount) from ${SALES}) as sales_gross)
            where invoices <> line_invoices or lines <> fact_lines or amount <> line_amount or net <> line_net or gross <> sales_gross`,
    },
  ],
});
