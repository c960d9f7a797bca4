import { defineTable } from '../spec/types.js';
import { money, count, rate, SALES } from './helpers/columns.js';

/** Product performance. */
export const martProductPerformance = defineTable({
  name: 'mart_product_performance',
  description:
    'Best-selling products by units and by revenue (ranks over products only; service codes get none). ' +
    'is_high_cancellation: products sold on at least 20 lines whose cancellation rate is above Q3 + 1.5 x IQR of the rates of all such products.',
  grain: 'One stock code with sales.',
  layer: 'mart',
  sql: 'marts/mart_product_performance.sql',
  dependsOn: ['fact_invoice_line', 'dim_product'],
  publish: true,
  excelSheet: 'Product performance',
  primaryKey: ['stock_code'],
  foreignKeys: [{ columns: ['stock_code'], references: { table: 'dim_product', columns: ['stock_code'] } }],
  columns: [
    { name: 'stock_code', type: 'VARCHAR', description: 'Product code.' },
    { name: 'description', type: 'VARCHAR', description: 'Canonical description.', nullable: true },
    { name: 'category', type: 'VARCHAR', description: 'Product category.' },
    { name: 'is_service', type: 'BOOLEAN', description: 'Not a product.' },
    count('sales_lines', 'Sale lines.'),
    count('orders', 'Distinct sales invoices.'),
    count('customers', 'Distinct known customers.'),
    { name: 'quantity_sold', type: 'BIGINT', description: 'Units sold (gross).', format: 'integer' },
    { name: 'net_quantity', type: 'BIGINT', description: 'Units sold minus units cancelled.', format: 'integer' },
    money('gross_amount', 'Gross revenue.'),
    money('cancelled_amount', 'Revenue taken back by matched cancellations.'),
    money('net_amount', 'gross_amount - cancelled_amount.'),
    { name: 'quantity_rank', type: 'INTEGER', description: 'Rank by net units, 1 = best seller; null for service codes.', nullable: true, format: 'integer' },
    { name: 'revenue_rank', type: 'INTEGER', description: 'Rank by net revenue, 1 = best seller; null for service codes.', nullable: true, format: 'integer' },
    rate('cancellation_rate', 'cancelled_amount / gross_amount; null when gross is 0.'),
    { name: 'is_high_cancellation', type: 'BOOLEAN', description: 'Unusually high cancellation rate (rule in the table description).' },
    rate('cancellation_rate_threshold', 'The Q3 + 1.5 x IQR threshold the flag used.'),
  ],
  tests: [
    {
      name: 'mart_product_performance_reconciles_with_facts',
      description: 'Product revenue and units add up to those of the sale lines.',
      sql: `select * from (
              select (select sum(gross_amount) from mart_product_performance) as gross, (select sum(line_amount) from ${SALES}) as fact_gross,
                     (select sum(net_quantity) from mart_product_performance) as units, (select sum(net_quantity) from ${SALES}) as fact_units)
            where gross <> fact_gross or units <> fact_units`,
    },
  ],
});
