import { defineTable } from '../spec/types.js';
import { money, count, rate, SALES } from './helpers/columns.js';

/** Country overall. */
export const martCountry = defineTable({
  name: 'mart_country',
  description: 'Orders, customers and revenue per country over the whole data, with names and codes for maps (guest sales included).',
  grain: 'One country.',
  layer: 'mart',
  sql: 'marts/mart_country.sql',
  dependsOn: ['fact_invoice', 'dim_country'],
  publish: true,
  excelSheet: 'Country revenue',
  primaryKey: ['country'],
  foreignKeys: [{ columns: ['country'], references: { table: 'dim_country', columns: ['country'] } }],
  columns: [
    { name: 'country', type: 'VARCHAR', description: 'Country as named in the data.' },
    { name: 'country_name', type: 'VARCHAR', description: 'Standard English name.', dataCategory: 'Country' },
    { name: 'iso_alpha2', type: 'VARCHAR', description: 'ISO 3166-1 alpha-2 code, where one exists.', nullable: true },
    { name: 'iso_alpha3', type: 'VARCHAR', description: 'ISO 3166-1 alpha-3 code, where one exists.', nullable: true },
    { name: 'region', type: 'VARCHAR', description: 'UN M49 region.' },
    { name: 'market', type: 'VARCHAR', description: 'Domestic, EU, Rest of world or Unknown.' },
    count('orders', 'Distinct sales invoices.'),
    count('customers', 'Distinct known customers with a real purchase (dim_customer.has_purchase).'),
    money('gross_amount', 'Gross revenue.'),
    money('guest_gross_amount', 'Part of gross revenue from guest sales.'),
    money('cancelled_amount', 'Revenue taken back by matched cancellations.'),
    money('net_amount', 'gross_amount - cancelled_amount.'),
    money('average_order_value', 'gross_amount / orders; null without orders.', true),
    rate('cancellation_rate', 'cancelled_amount / gross_amount.'),
    count('cancellation_invoices', 'C invoices of the country.'),
    rate('net_revenue_share', 'Share of all net revenue.', false),
    count('net_revenue_rank', 'Rank by net revenue, 1 = largest.'),
  ],
  tests: [
    {
      name: 'mart_country_reconciles_with_facts',
      description: 'Country revenue adds up to the revenue of the sale lines, and the known-customer part to the customer revenue.',
      sql: `select * from (
              select (select sum(gross_amount) from mart_country) as gross, (select sum(line_amount) from ${SALES}) as fact_gross,
                     (select sum(gross_amount - guest_gross_amount) from mart_country) as customer_gross,
                     (select sum(line_amount) from ${SALES} where not is_guest) as fact_customer_gross)
            where gross <> fact_gross or customer_gross <> fact_customer_gross`,
    },
  ],
});
