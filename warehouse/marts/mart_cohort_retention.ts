import { defineTable } from '../spec/types.js';
import { count, rate } from './helpers/columns.js';

/** Cohort retention matrix. */
export const martCohortRetention = defineTable({
  name: 'mart_cohort_retention',
  description:
    'Cohort retention matrix: known customers grouped by the month of their first purchase (cohort), and how many of them bought ' +
    'in each later month. Every cell up to the last month of the data is present (0 when nobody bought).',
  grain: 'One cohort month and number of months since it.',
  layer: 'mart',
  sql: 'marts/mart_cohort_retention.sql',
  dependsOn: ['fact_invoice'],
  publish: true,
  excelSheet: 'Cohort retention',
  primaryKey: ['cohort_month', 'months_since'],
  columns: [
    { name: 'cohort_month', type: 'VARCHAR', description: 'Month of the first purchase (yyyy-mm).' },
    count('months_since', 'Months after the cohort month; 0 = the cohort month.'),
    { name: 'year_month', type: 'VARCHAR', description: 'The calendar month of the cell (yyyy-mm).' },
    count('cohort_customers', 'Customers in the cohort.'),
    count('active_customers', 'Cohort customers who bought in that month.'),
    rate('retention_rate', 'active_customers / cohort_customers.', false),
  ],
  tests: [
    {
      name: 'mart_cohort_retention_is_consistent',
      description: 'Month 0 holds the whole cohort; no cell exceeds it; cohorts add up to the customers with a purchase.',
      sql: `select * from mart_cohort_retention where active_customers > cohort_customers or (months_since = 0 and active_customers <> cohort_customers)
            union all
            select null, null, 'total', (select count(*) from dim_customer where has_purchase), sum(cohort_customers), null
            from mart_cohort_retention where months_since = 0 having sum(cohort_customers) <> (select count(*) from dim_customer where has_purchase)`,
    },
  ],
});
