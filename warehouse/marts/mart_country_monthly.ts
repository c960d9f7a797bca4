import { defineTable } from '../spec/types.js';
import { money, count, rate } from './helpers/columns.js';

/** Country per month. */
export const martCountryMonthly = defineTable({
  name: 'mart_country_monthly',
  description: 'Orders, customers and revenue per country and month (guest sales included; same revenue definitions as mart_monthly_revenue).',
  grain: 'One country and calendar month with sales.',
  layer: 'mart',
  sql: 'marts/mart_country_monthly.sql',
  dependsOn: ['fact_invoice'],
  publish: true,
  primaryKey: ['country', 'year_month'],
  foreignKeys: [{ columns: ['country'], references: { table: 'dim_country', columns: ['country'] } }],
  columns: [
    { name: 'country', type: 'VARCHAR', description: 'Country as named in the data.' },
    { name: 'year_month', type: 'VARCHAR', description: 'Month as yyyy-mm.' },
    count('orders', 'Distinct sales invoices.'),
    count('customers', 'Distinct known customers with a real purchase (dim_customer.has_purchase).'),
    money('gross_amount', 'Gross revenue.'),
    money('cancelled_amount', 'Revenue taken back by matched cancellations.'),
    money('net_amount', 'gross_amount - cancelled_amount.'),
    money('average_order_value', 'gross_amount / orders.'),
    rate('cancellation_rate', 'cancelled_amount / gross_amount: share of the revenue later cancelled.'),
    count('cancellation_invoices', 'C invoices dated in the month.'),
  ],
  tests: [
    {
      name: 'mart_country_monthly_reconciles_with_mart_country',
      description: 'Months of each country add up to its overall figures.',
      sql: `with m as (select country, sum(orders) as orders, sum(gross_amount) as gross, sum(net_amount) as net from mart_country_monthly group by 1)
            select * from mart_country c full join m using (country)
            where coalesce(m.gross, 0) <> c.gross_amount or coalesce(m.net, 0) <> c.net_amount or coalesce(m.orders, 0) < c.orders`,
    },
  ],
});
