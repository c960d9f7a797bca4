import { defineTable } from '../spec/types.js';
import { count, SALES } from './helpers/columns.js';

/** Customer dimension. */
export const dimCustomer = defineTable({
  name: 'dim_customer',
  description:
    'Every customer number in the data, including customers whose only lines are cancellations. Only those with a real purchase ' +
    '(has_purchase: a product sold at a price above £0; not only £0, service, postage or test lines) count as customers in the marts and KPIs. Guest sales (no customer number) ' +
    'have no row: their facts carry a null customer_id and is_guest = true. A customer seen in several countries gets the country of ' +
    'most of their invoices, a tie going to the most recent invoice.',
  grain: 'One customer number.',
  layer: 'mart',
  sql: 'marts/dim_customer.sql',
  dependsOn: ['fact_invoice'],
  publish: true,
  primaryKey: ['customer_id'],
  storedInKeyOrder: true,
  foreignKeys: [{ columns: ['country'], references: { table: 'dim_country', columns: ['country'] } }],
  columns: [
    { name: 'customer_id', type: 'BIGINT', description: 'Customer number.' },
    { name: 'country', type: 'VARCHAR', description: 'Home country: the country of most of the customer\'s invoices (ties: most recent).' },
    count('country_count', 'Countries the customer\'s invoices name (1 for almost everyone).'),
    { name: 'first_seen_at', type: 'TIMESTAMP', description: 'First invoice of any kind (purchase or cancellation).', format: 'datetime' },
    { name: 'first_purchase_at', type: 'TIMESTAMP', description: 'First invoice with a real purchase (fact_invoice.has_real_purchase); null for customers without one.', format: 'datetime', nullable: true },
    { name: 'last_purchase_at', type: 'TIMESTAMP', description: 'Last invoice with a real purchase; null for customers without one.', format: 'datetime', nullable: true },
    { name: 'cohort_month', type: 'VARCHAR', description: 'Month of the first purchase (yyyy-mm), the customer\'s cohort.', nullable: true },
    count('order_count', 'Distinct invoices with a real purchase.'),
    { name: 'has_purchase', type: 'BOOLEAN', description: 'At least one real purchase: a product sold at a price above £0 (not only cancellations, £0, service or test lines). Only these count as customers.' },
  ],
  tests: [
    {
      name: 'dim_customer_has_purchase_means_a_real_purchase',
      description: 'A customer counts (has_purchase) exactly when one of their sale lines sells a product at a price above £0.',
      sql: `select d.customer_id, d.has_purchase from dim_customer d
            left join (select distinct customer_id from ${SALES} where not is_service and unit_price > 0) r using (customer_id)
            where d.has_purchase <> (r.customer_id is not null)`,
    },
    {
      name: 'dim_customer_has_every_customer',
      description: 'Every customer number of the facts has a row (the foreign key checks the other direction).',
      sql: `select distinct f.customer_id from fact_invoice_line f anti join dim_customer d using (customer_id) where f.customer_id is not null`,
    },
  ],
});
