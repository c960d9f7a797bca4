import { existsSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { extract } from '../../activities/extract.js';
import { stepInput } from '../../activities/run-directly.js';
import { transform } from '../../activities/transform.js';
import { validate } from '../../activities/validate.js';
import { FULL_DATA_SET } from '../../runtime/project.js';
import type { StepResult } from '../../schemas/workflow.js';
import { withDatabase, type Database } from '../../warehouse/db.js';
import { refreshLayout } from '../../warehouse/layout.js';
import { tempDir } from '../../runtime/temp-dir.js';
import { martChecksums } from './checksums.js';

const FULL_DATA = FULL_DATA_SET;

// The figures counted from the file in the shared data folder's README, reproduced from the marts.
describe.skipIf(!existsSync(FULL_DATA))('transform on the full 541,909-line data set', () => {
  const dir = tempDir('transform-real-');
  const input = stepInput({ refreshId: 'real', warehouse: 'retail', inputPaths: [FULL_DATA], outputDir: dir.path });
  const database = refreshLayout(input.outputDir, input.warehouse, input.refreshId).workDatabase;
  let result: StepResult;
  let figures: Record<string, string> = {};
  let firstSums: Record<string, string> = {};
  let secondSums: Record<string, string> = {};

  const scalar = async (db: Database, sql: string) => String(Object.values((await db.all(sql))[0] ?? {})[0]);

  beforeAll(async () => {
    await extract(input);
    await validate(input);
    result = await transform(input);
    await withDatabase(database, async (db) => {
      firstSums = await martChecksums(db);
      const queries: Record<string, string> = {
        customerRevenue: `select sum(line_amount)::varchar from fact_invoice_line where line_type = 'sale' and not is_guest`,
        customerRevenueByCountry: `select sum(gross_amount - guest_gross_amount)::varchar from mart_country`,
        customerRevenueByMonth: `select sum(gross_amount - guest_gross_amount)::varchar from mart_monthly_revenue`,
        customerRevenueByCustomer: `select sum(gross_amount)::varchar from mart_customer_behaviour`,
        // Customer behaviour holds only customers with a real purchase: 5 customers have none.
        realCustomerRevenue: `select sum(line_amount)::varchar from fact_invoice_line
                              where line_type = 'sale' and customer_id in (select customer_id from dim_customer where has_purchase)`,
        customerSaleLines: `select count(*) from fact_invoice_line where not is_guest and not is_cancellation`,
        customers: `select count(*) from dim_customer`,
        buyers: `select count(*) from dim_customer where has_purchase`,
        behaviourRows: `select count(*) from mart_customer_behaviour`,
        cohortCustomers: `select sum(cohort_customers) from mart_cohort_retention where months_since = 0`,
        invoices: `select count(*) from fact_invoice`,
        cancellationInvoices: `select count(*) from fact_invoice where is_cancellation`,
        cancellationLines: `select count(distinct cancellation_line_id) from fact_cancellation`,
        adjustmentInvoices: `select count(*) from fact_invoice where invoice_type = 'adjustment'`,
        countries: `select count(*) from dim_country`,
        countriesInReference: `select count(*) from dim_country where is_in_reference`,
        countryRows: `select count(*) from mart_country`,
        products: `select count(*) from dim_product`,
        lines: `select count(*) from fact_invoice_line`,
        monthsOfData: `select count(*) from mart_monthly_revenue`,
        netNeverNegative: `select count(*) from fact_invoice_line where line_type = 'sale' and net_quantity < 0`,
      };
      for (const [name, sql] of Object.entries(queries)) figures[name] = await scalar(db, sql);
    });
    await transform(input);
    secondSums = await withDatabase(database, martChecksums);
  });
  afterAll(() => dir.cleanup());

  it('reproduces the revenue of customer lines not cancelled to the tenth of a penny, in every mart', () => {
    expect(figures.customerRevenue).toBe('8911407.904');
    expect(figures.customerRevenueByCountry).toBe('8911407.904');
    expect(figures.customerRevenueByMonth).toBe('8911407.904');
    expect(figures.customerRevenueByCustomer).toBe(figures.realCustomerRevenue);
    expect(figures.realCustomerRevenue).toBe('8908443.484');
    expect(figures.customerSaleLines).toBe('397924');
  });

  it('reproduces the counted customers, invoices, countries and products', () => {
    expect(figures).toMatchObject({
      customers: '4372',
      buyers: '4334',
      behaviourRows: '4334',
      cohortCustomers: '4334',
      invoices: '25900',
      cancellationInvoices: '3836',
      cancellationLines: '9288',
      adjustmentInvoices: '3',
      countries: '38',
      countriesInReference: '38',
      countryRows: '38',
      products: '3958',
      lines: '541909',
      monthsOfData: '13',
      netNeverNegative: '0',
    });
  });

  it('reports row counts, cancellation-match counts and the data tests run', () => {
    expect(result.rowsIn).toBe(541909);
    expect(result.rowsOut).toBe(541909);
    expect(result.tables.find((t) => t.name === 'fact_invoice')?.rows).toBe(25900);
    const notes = result.notes.join('\n');
    expect(notes).toContain('cancellations matched in 35 round(s)');
    expect(notes).toContain('matched 7516 lines / 250372 units');
    expect(notes).toContain('partially_matched 54 lines / 1089 units');
    expect(notes).toContain('unmatched_no_customer 383 lines / 2766 units');
    expect(notes).toContain('unmatched_no_prior_order 1306 lines / 23183 units');
    expect(notes).toContain('unmatched_already_cancelled 29 lines / 164 units');
    expect(notes).toMatch(/\d{3} data tests passed/);
  });

  it('builds identical tables when run twice on the same staging', () => {
    expect(Object.keys(firstSums)).toHaveLength(13);
    expect(secondSums).toEqual(firstSums);
  });
});
