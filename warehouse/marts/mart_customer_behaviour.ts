import { defineTable } from '../spec/types.js';
import { money, count, rate, SALES } from './helpers/columns.js';

/** Customer behaviour. */
export const martCustomerBehaviour = defineTable({
  name: 'mart_customer_behaviour',
  description:
    'How each customer with a real purchase (dim_customer.has_purchase) buys: purchase frequency, average order value, basket size, cancellations. ' +
    'is_high_cancellation: customers with at least 5 orders whose cancellation rate is above Q3 + 1.5 x IQR of the rates of all such customers.',
  grain: 'One known customer with a real purchase (dim_customer.has_purchase).',
  layer: 'mart',
  sql: 'marts/mart_customer_behaviour.sql',
  dependsOn: ['fact_invoice_line', 'fact_invoice', 'dim_customer'],
  publish: true,
  excelSheet: 'Customer behaviour',
  primaryKey: ['customer_id'],
  storedInKeyOrder: true,
  foreignKeys: [
    { columns: ['customer_id'], references: { table: 'dim_customer', columns: ['customer_id'] } },
    { columns: ['country'], references: { table: 'dim_country', columns: ['country'] } },
  ],
  columns: [
    { name: 'customer_id', type: 'BIGINT', description: 'Customer number.' },
    { name: 'country', type: 'VARCHAR', description: 'Home country (see dim_customer).' },
    count('orders', 'Distinct sales invoices.'),
    { name: 'first_purchase_at', type: 'TIMESTAMP', description: 'First sale.', format: 'datetime' },
    { name: 'last_purchase_at', type: 'TIMESTAMP', description: 'Last sale.', format: 'datetime' },
    { name: 'recency_days', type: 'INTEGER', description: 'Days from the last purchase to the last day of the data.', format: 'integer' },
    count('active_months', 'Calendar months with a purchase.'),
    { name: 'orders_per_month', type: 'DOUBLE', description: 'Purchase frequency: orders / months from the first purchase to the end of the data (at least 1).', format: 'decimal' },
    { name: 'average_days_between_orders', type: 'DOUBLE', description: 'Days from first to last purchase / (orders - 1); null with one order.', format: 'decimal', nullable: true },
    { name: 'items', type: 'BIGINT', description: 'Units bought.', format: 'integer' },
    { name: 'average_basket_items', type: 'DOUBLE', description: 'Basket size: average units per order.', format: 'decimal' },
    { name: 'average_basket_products', type: 'DOUBLE', description: 'Basket size: average distinct products per order.', format: 'decimal' },
    money('gross_amount', 'Gross revenue.'),
    money('cancelled_amount', 'Revenue taken back by matched cancellations.'),
    money('net_amount', 'gross_amount - cancelled_amount.'),
    money('average_order_value', 'gross_amount / orders.'),
    rate('cancellation_rate', 'cancelled_amount / gross_amount; null when gross is 0.'),
    { name: 'is_high_cancellation', type: 'BOOLEAN', description: 'Unusually high cancellation rate (rule in the table description).' },
    rate('cancellation_rate_threshold', 'The Q3 + 1.5 x IQR threshold the flag used.'),
  ],
  tests: [
    {
      name: 'mart_customer_behaviour_reconciles_with_facts',
      description: 'One row per customer with a real purchase, and their revenue adds up to those customers\' revenue in the facts.',
      sql: `select * from (
              select (select count(*) from mart_customer_behaviour) as customers, (select count(*) from dim_customer where has_purchase) as buyers,
                     (select sum(gross_amount) from mart_customer_behaviour) as gross, (select sum(line_amount) from ${SALES} where customer_id in (select customer_id from dim_customer where has_purchase)) as fact_gross)
            where customers <> buyers or gross <> fact_gross`,
    },
  ],
});
