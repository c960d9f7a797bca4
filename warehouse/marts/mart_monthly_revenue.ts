import { defineTable } from '../spec/types.js';
import { money, count, rate, SALES } from './helpers/columns.js';

/** Monthly revenue trend. */
export const martMonthlyRevenue = defineTable({
  name: 'mart_monthly_revenue',
  description:
    'Revenue trend per calendar month, guest sales included (guest_gross_amount shows their part). Sales are dated by the order; ' +
    'matched cancellations are taken off the month of the order they cancel; unmatched cancellations are shown in the month they happened, not subtracted.',
  grain: 'One calendar month with sales.',
  layer: 'mart',
  sql: 'marts/mart_monthly_revenue.sql',
  dependsOn: ['fact_invoice_line', 'fact_cancellation', 'fact_invoice', 'dim_customer'],
  publish: true,
  excelSheet: 'Monthly revenue',
  primaryKey: ['year_month'],
  columns: [
    { name: 'year_month', type: 'VARCHAR', description: 'Month as yyyy-mm.' },
    { name: 'month_start', type: 'DATE', description: 'First day of the month.', format: 'date' },
    count('orders', 'Distinct sales invoices.'),
    count('customers', 'Distinct known customers with a real purchase (dim_customer.has_purchase).'),
    count('new_customers', 'Customers whose first purchase falls in the month.'),
    { name: 'items_sold', type: 'BIGINT', description: 'Units on sale lines.', format: 'integer' },
    money('gross_amount', 'Gross revenue: sale line amounts.'),
    money('guest_gross_amount', 'Part of gross revenue from guest sales (no customer id).'),
    money('cancelled_amount', 'Revenue of the month\'s orders taken back by matched cancellations.'),
    money('net_amount', 'gross_amount - cancelled_amount.'),
    money('unmatched_cancelled_amount', 'Cancellations made in the month that match no order in the data (not subtracted).'),
    money('average_order_value', 'gross_amount / orders.'),
    rate('net_growth_rate', 'Net revenue change against the previous month; null for the first.'),
    { name: 'is_partial_month', type: 'BOOLEAN', description: 'The data ends before the month does (December 2011 ends on the 9th).' },
  ],
  tests: [
    {
      name: 'mart_monthly_revenue_reconciles_with_facts',
      description: 'Gross, cancelled and net revenue over all months equal those of the sale lines; net = gross - cancelled.',
      sql: `select * from (
              select (select sum(gross_amount) from mart_monthly_revenue) as gross, (select sum(line_amount) from ${SALES}) as fact_gross,
                     (select sum(cancelled_amount) from mart_monthly_revenue) as cancelled, (select sum(cancelled_amount) from ${SALES}) as fact_cancelled,
                     (select sum(net_amount) from mart_monthly_revenue) as net)
            where gross <> fact_gross or cancelled <> fact_cancelled or net <> gross - cancelled`,
    },
  ],
});
