import { beforeAll, describe, expect, it } from 'vitest';

import { buildMarts } from '../../activities/transform.js';
import { kpisFor } from '../../reports/kpis/index.js';
import { runDataTests } from '../../warehouse/data-tests.js';
import { withDatabase } from '../../warehouse/db.js';
import { MART_TABLES } from '../../warehouse/marts/index.js';
import { createStagingFixture, type FixtureLine } from './staging-fixture.js';

// Customer 10 buys a product; 40 only gets a product at £0; 50 only has a test line; 60 only postage.
const LINES: FixtureLine[] = [
  { invoice: '1001', stock: '85123A', qty: 6, at: '2010-12-01 08:26', price: '2.55', customer: 10, description: 'WHITE HANGING HEART T-LIGHT HOLDER' },
  { invoice: '1002', stock: '85123A', qty: 1, at: '2010-12-02 09:00', price: '0', customer: 40, description: 'WHITE HANGING HEART T-LIGHT HOLDER' },
  { invoice: '1003', stock: 'TEST001', qty: 5, at: '2010-12-03 10:00', price: '4.50', customer: 50, description: 'This is a test product.' },
  { invoice: '1004', stock: 'POST', qty: 1, at: '2010-12-04 11:00', price: '18', customer: 60, description: 'POSTAGE' },
];

describe('customers are those with a real purchase', () => {
  const figures: Record<string, unknown> = {};
  let failures: string[] = [];

  beforeAll(async () => {
    await withDatabase(':memory:', async (db) => {
      await createStagingFixture(db, LINES);
      await buildMarts(db);
      failures = (await runDataTests(db, MART_TABLES)).failures.map((f) => f.name);
      figures.buyers = await db.all('select customer_id, has_purchase, order_count, cohort_month from dim_customer order by customer_id');
      figures.monthly = await db.number('select customers from mart_monthly_revenue');
      figures.country = await db.number('select sum(customers) from mart_country');
      figures.cohort = await db.number('select sum(cohort_customers) from mart_cohort_retention where months_since = 0');
      figures.behaviour = await db.number('select count(*) from mart_customer_behaviour');
      const kpi = kpisFor(MART_TABLES).find((k) => k.name === 'Total Customers');
      figures.kpi = kpi?.sql ? await db.number(kpi.sql) : undefined;
    });
  });

  it('passes every data test, including the one that ties has_purchase to a real purchase', () => {
    expect(failures).toEqual([]);
    expect(MART_TABLES.flatMap((t) => t.tests ?? []).map((t) => t.name)).toContain('dim_customer_has_purchase_means_a_real_purchase');
  });

  it('keeps every customer number, but only customer 10 has a purchase', () => {
    expect(figures.buyers).toEqual([
      { customer_id: '10', has_purchase: true, order_count: 1, cohort_month: '2010-12' },
      { customer_id: '40', has_purchase: false, order_count: 0, cohort_month: null },
      { customer_id: '50', has_purchase: false, order_count: 0, cohort_month: null },
      { customer_id: '60', has_purchase: false, order_count: 0, cohort_month: null },
    ]);
  });

  it('counts one customer in the monthly and country marts, the cohorts, customer behaviour and the KPI', () => {
    expect(figures).toMatchObject({ monthly: 1, country: 1, cohort: 1, behaviour: 1, kpi: 1 });
  });
});
