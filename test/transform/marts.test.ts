import { beforeAll, describe, expect, it } from 'vitest';

import { buildMarts } from '../../activities/transform.js';
import { runDataTests } from '../../warehouse/data-tests.js';
import { withDatabase, type Database, type Row } from '../../warehouse/db.js';
import { MART_TABLES } from '../../warehouse/marts/index.js';
import { createStagingFixture, type FixtureLine } from './staging-fixture.js';

const LINES: FixtureLine[] = [
  // customer 10, United Kingdom: two orders in December 2010, one in February 2011, half of one line cancelled
  { invoice: '1001', stock: '85123A', qty: 6, at: '2010-12-01 08:26', price: '2.55', customer: 10, description: 'WHITE HANGING HEART T-LIGHT HOLDER' }, // 1
  { invoice: '1001', stock: '22633', qty: 4, at: '2010-12-01 08:26', price: '1.85', customer: 10, description: 'HAND WARMER UNION JACK' }, // 2
  { invoice: '1002', stock: '85123A', qty: 10, at: '2010-12-05 09:00', price: '2.55', customer: 10, description: 'CREAM HANGING HEART T-LIGHT HOLDER' }, // 3
  { invoice: 'C1003', stock: '85123A', qty: -5, at: '2010-12-06 10:00', price: '2.55', customer: 10, description: 'WHITE HANGING HEART T-LIGHT HOLDER' }, // 4: WHITE 2 uses
  { invoice: '1004', stock: '85123A', qty: 2, at: '2011-02-10 11:00', price: '2.95', customer: 10, description: 'CREAM HANGING HEART T-LIGHT HOLDER' }, // 5: CREAM 2 uses, later
  // customer 20: seen in France twice and in Germany once -> France; buys again in January
  { invoice: '2001', stock: 'POST', qty: 1, at: '2010-12-02 12:00', price: '18', customer: 20, country: 'France', description: 'POSTAGE' }, // 6
  { invoice: '2001', stock: '22961', qty: 12, at: '2010-12-02 12:00', price: '1.45', customer: 20, country: 'France', description: 'JAM MAKING SET PRINTED' }, // 7
  { invoice: '2002', stock: '22961', qty: 12, at: '2011-01-15 12:00', price: '1.45', customer: 20, country: 'France', description: null }, // 8
  { invoice: '2003', stock: '22961', qty: 6, at: '2011-01-20 12:00', price: '1.45', customer: 20, country: 'Germany', description: 'JAM MAKING SET PRINTED' }, // 9
  // guest sales in EIRE, RSA, Channel Islands and a country the reference list does not know
  { invoice: '3001', stock: '22961', qty: 3, at: '2011-01-03 10:00', price: '1.45', customer: null, country: 'EIRE', description: 'JAM MAKING SET PRINTED' }, // 10
  { invoice: '3002', stock: '22961', qty: 1, at: '2011-01-03 10:05', price: '1.45', customer: null, country: 'RSA', description: 'JAM MAKING SET PRINTED' }, // 11
  { invoice: '3003', stock: '22961', qty: 1, at: '2011-01-03 10:10', price: '1.45', customer: null, country: 'Channel Islands', description: 'JAM MAKING SET PRINTED' }, // 12
  { invoice: '3004', stock: '22961', qty: 1, at: '2011-01-03 10:15', price: '1.45', customer: null, country: 'Atlantis', description: 'JAM MAKING SET PRINTED' }, // 13
  // a stock note on a zero-price correction: never chosen as the description while a sale has one
  { invoice: '3005', stock: '22633', qty: -3, at: '2011-01-04 10:00', price: '0', customer: null, description: 'damaged' }, // 14
  { invoice: '3006', stock: '22633', qty: -3, at: '2011-01-04 10:01', price: '0', customer: null, description: 'damaged' }, // 15
  // a customer whose only line is a cancellation of an order before the data
  { invoice: 'C4001', stock: '22633', qty: -1, at: '2011-02-01 10:00', price: '1.85', customer: 30 }, // 16
];

let db: Database;
const rows = <T extends Row = Row>(sql: string) => db.all<T>(sql);

describe('star schema and marts on hand-written staging', () => {
  let failures: string[] = [];
  const results: Record<string, Row[]> = {};

  beforeAll(async () => {
    await withDatabase(':memory:', async (opened) => {
      db = opened;
      await createStagingFixture(db, LINES);
      await buildMarts(db);
      failures = (await runDataTests(db, MART_TABLES)).failures.map((f) => `${f.name}: ${JSON.stringify(f.sample)}`);
      const queries: Record<string, string> = {
        countries: 'select country, country_name, iso_alpha2, iso_alpha3, region, market, is_in_reference from dim_country order by country',
        customers: 'select customer_id, country, country_count, cohort_month, order_count, has_purchase from dim_customer order by customer_id',
        products: 'select stock_code, description, description_count, is_service, category from dim_product order by stock_code',
        dates: 'select count(*) as days, min(date)::varchar as first, max(date)::varchar as last, count(*) filter (where has_invoices) as trading from dim_date',
        day: `select date_key, year, quarter, month, month_name, year_month, iso_year, iso_week, day_of_week, day_name, is_weekend from dim_date where date = '2011-01-02'`,
        invoices: `select invoice_no, invoice_type, customer_id, line_count, item_count, invoice_amount::varchar as amount, cancelled_amount::varchar as cancelled,
                          net_amount::varchar as net, is_fully_cancelled, has_cancellation, is_guest from fact_invoice where invoice_no in ('1002', 'C1003', '2001', '3005') order by invoice_no`,
        monthly: `select year_month, orders, customers, new_customers, gross_amount::varchar as gross, guest_gross_amount::varchar as guest, cancelled_amount::varchar as cancelled,
                         net_amount::varchar as net, unmatched_cancelled_amount::varchar as unmatched, average_order_value::varchar as aov, is_partial_month from mart_monthly_revenue order by year_month`,
        country: `select country, country_name, orders, customers, gross_amount::varchar as gross, net_amount::varchar as net, round(cancellation_rate, 6) as cancellation_rate, net_revenue_rank from mart_country where country in ('United Kingdom', 'France', 'Atlantis') order by country`,
        behaviour: `select customer_id, orders, active_months, items, round(average_basket_items, 6) as average_basket_items, round(average_basket_products, 6) as average_basket_products,
                           gross_amount::varchar as gross, average_order_value::varchar as aov, round(cancellation_rate, 6) as cancellation_rate from mart_customer_behaviour order by customer_id`,
        products_rank: 'select stock_code, quantity_sold, net_quantity, quantity_rank, revenue_rank from mart_product_performance order by stock_code',
        cohorts: 'select cohort_month, months_since, year_month, cohort_customers, active_customers, retention_rate from mart_cohort_retention order by cohort_month, months_since',
      };
      for (const [name, sql] of Object.entries(queries)) results[name] = await rows(sql);
    });
  });

  it('passes every declared data test', () => {
    expect(failures).toEqual([]);
  });

  it('maps the data\'s country names to ISO codes and regions, keeping unknown names', () => {
    expect(results.countries).toEqual([
      { country: 'Atlantis', country_name: 'Atlantis', iso_alpha2: null, iso_alpha3: null, region: 'Unknown', market: 'Unknown', is_in_reference: false },
      { country: 'Channel Islands', country_name: 'Channel Islands', iso_alpha2: null, iso_alpha3: null, region: 'Europe', market: 'Rest of world', is_in_reference: true },
      { country: 'EIRE', country_name: 'Ireland', iso_alpha2: 'IE', iso_alpha3: 'IRL', region: 'Europe', market: 'EU', is_in_reference: true },
      { country: 'France', country_name: 'France', iso_alpha2: 'FR', iso_alpha3: 'FRA', region: 'Europe', market: 'EU', is_in_reference: true },
      { country: 'Germany', country_name: 'Germany', iso_alpha2: 'DE', iso_alpha3: 'DEU', region: 'Europe', market: 'EU', is_in_reference: true },
      { country: 'RSA', country_name: 'South Africa', iso_alpha2: 'ZA', iso_alpha3: 'ZAF', region: 'Africa', market: 'Rest of world', is_in_reference: true },
      { country: 'United Kingdom', country_name: 'United Kingdom', iso_alpha2: 'GB', iso_alpha3: 'GBR', region: 'Europe', market: 'Domestic', is_in_reference: true },
    ]);
  });

  it('keeps one row per customer number, home country by most invoices, no row for guests', () => {
    expect(results.customers).toEqual([
      { customer_id: '10', country: 'United Kingdom', country_count: 1, cohort_month: '2010-12', order_count: 3, has_purchase: true },
      { customer_id: '20', country: 'France', country_count: 2, cohort_month: '2010-12', order_count: 3, has_purchase: true },
      { customer_id: '30', country: 'United Kingdom', country_count: 1, cohort_month: null, order_count: 0, has_purchase: false },
    ]);
  });

  it('chooses the most frequent description written on a sale, ties to the latest, and classifies by keyword', () => {
    expect(results.products).toEqual([
      { stock_code: '22633', description: 'HAND WARMER UNION JACK', description_count: 3, is_service: false, category: 'Warmers and bath' },
      { stock_code: '22961', description: 'JAM MAKING SET PRINTED', description_count: 1, is_service: false, category: 'Kitchen and dining' },
      { stock_code: '85123A', description: 'CREAM HANGING HEART T-LIGHT HOLDER', description_count: 2, is_service: false, category: 'Lighting and candles' },
      { stock_code: 'POST', description: 'POSTAGE', description_count: 1, is_service: true, category: 'Service and fees' },
    ]);
  });

  it('covers whole calendar years of the data with ISO calendar attributes', () => {
    expect(results.dates).toEqual([{ days: '730', first: '2010-01-01', last: '2011-12-31', trading: '10' }]);
    expect(results.day).toEqual([
      { date_key: 20110102, year: 2011, quarter: 1, month: 1, month_name: 'January', year_month: '2011-01', iso_year: 2010, iso_week: 52, day_of_week: 7, day_name: 'Sunday', is_weekend: true },
    ]);
  });

  it('totals invoices, with the cancelled part of an order on the order', () => {
    expect(results.invoices).toEqual([
      { invoice_no: '1002', invoice_type: 'sale', customer_id: '10', line_count: 1, item_count: '10', amount: '25.500', cancelled: '12.750', net: '12.750', is_fully_cancelled: false, has_cancellation: true, is_guest: false },
      { invoice_no: '2001', invoice_type: 'sale', customer_id: '20', line_count: 2, item_count: '13', amount: '35.400', cancelled: '0.000', net: '35.400', is_fully_cancelled: false, has_cancellation: false, is_guest: false },
      { invoice_no: '3005', invoice_type: 'stock_correction', customer_id: null, line_count: 1, item_count: '-3', amount: '0.000', cancelled: '0.000', net: '0.000', is_fully_cancelled: false, has_cancellation: false, is_guest: true },
      { invoice_no: 'C1003', invoice_type: 'cancellation', customer_id: '10', line_count: 1, item_count: '-5', amount: '-12.750', cancelled: '0.000', net: '0.000', is_fully_cancelled: false, has_cancellation: false, is_guest: false },
    ]);
  });

  it('trends revenue by month: gross, cancelled (on the order month), net, and unmatched cancellations where they happen', () => {
    expect(results.monthly).toEqual([
      { year_month: '2010-12', orders: 3, customers: 2, new_customers: 2, gross: '83.600', guest: '0.000', cancelled: '12.750', net: '70.850', unmatched: '0.000', aov: '27.867', is_partial_month: false },
      { year_month: '2011-01', orders: 6, customers: 1, new_customers: 0, gross: '34.800', guest: '8.700', cancelled: '0.000', net: '34.800', unmatched: '0.000', aov: '5.800', is_partial_month: false },
      { year_month: '2011-02', orders: 1, customers: 1, new_customers: 0, gross: '5.900', guest: '0.000', cancelled: '0.000', net: '5.900', unmatched: '1.850', aov: '5.900', is_partial_month: true },
    ]);
  });

  it('sums countries with names for maps and ranks them by net revenue', () => {
    expect(results.country).toEqual([
      { country: 'Atlantis', country_name: 'Atlantis', orders: 1, customers: 0, gross: '1.450', net: '1.450', cancellation_rate: 0, net_revenue_rank: 5 },
      { country: 'France', country_name: 'France', orders: 2, customers: 1, gross: '52.800', net: '52.800', cancellation_rate: 0, net_revenue_rank: 1 },
      { country: 'United Kingdom', country_name: 'United Kingdom', orders: 3, customers: 1, gross: '54.100', net: '41.350', cancellation_rate: 0.235675, net_revenue_rank: 2 },
    ]);
  });

  it('describes each buyer: frequency, basket size, order value, cancellation rate', () => {
    expect(results.behaviour).toEqual([
      { customer_id: '10', orders: 3, active_months: 2, items: '22', average_basket_items: 7.333333, average_basket_products: 1.333333, gross: '54.100', aov: '18.033', cancellation_rate: 0.235675 },
      { customer_id: '20', orders: 3, active_months: 2, items: '31', average_basket_items: 10.333333, average_basket_products: 1.333333, gross: '61.500', aov: '20.500', cancellation_rate: 0 },
    ]);
  });

  it('ranks products by net units and revenue, services unranked', () => {
    expect(results.products_rank).toEqual([
      { stock_code: '22633', quantity_sold: '4', net_quantity: '4', quantity_rank: 3, revenue_rank: 3 },
      { stock_code: '22961', quantity_sold: '36', net_quantity: '36', quantity_rank: 1, revenue_rank: 1 },
      { stock_code: '85123A', quantity_sold: '18', net_quantity: '13', quantity_rank: 2, revenue_rank: 2 },
      { stock_code: 'POST', quantity_sold: '1', net_quantity: '1', quantity_rank: null, revenue_rank: null },
    ]);
  });

  it('builds a complete cohort retention matrix', () => {
    expect(results.cohorts).toEqual([
      { cohort_month: '2010-12', months_since: 0, year_month: '2010-12', cohort_customers: 2, active_customers: 2, retention_rate: 1 },
      { cohort_month: '2010-12', months_since: 1, year_month: '2011-01', cohort_customers: 2, active_customers: 1, retention_rate: 0.5 },
      { cohort_month: '2010-12', months_since: 2, year_month: '2011-02', cohort_customers: 2, active_customers: 1, retention_rate: 0.5 },
    ]);
  });
});
