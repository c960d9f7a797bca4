import { dimDate } from './dim_date.js';
import { dimCountry } from './dim_country.js';
import { dimCustomer } from './dim_customer.js';
import { dimProduct } from './dim_product.js';
import { factInvoiceLine } from './fact_invoice_line.js';
import { factCancellation } from './fact_cancellation.js';
import { factInvoice } from './fact_invoice.js';
import { martMonthlyRevenue } from './mart_monthly_revenue.js';
import { martCountryMonthly } from './mart_country_monthly.js';
import { martCountry } from './mart_country.js';
import { martCustomerBehaviour } from './mart_customer_behaviour.js';
import { martProductPerformance } from './mart_product_performance.js';
import { martCohortRetention } from './mart_cohort_retention.js';

/*
 * The star schema (dimensions and facts) and the analytics marts built from it. Every mart reads only
 * stg_sales_lines, other marts and the reference data in warehouse/reference/.
 *
 * Revenue (warehouse/CANCELLATIONS.md, "Revenue"): gross = quantity x unit price of sale lines (not cancellations, not
 * bad-debt adjustments); cancelled = units matched by later cancellations x the order's unit price;
 * net = gross - cancelled. Cancellations that match no order are reported, not subtracted.
 */

export { dimDate, dimCountry, dimCustomer, dimProduct, factInvoiceLine, factCancellation, factInvoice, martMonthlyRevenue, martCountryMonthly, martCountry, martCustomerBehaviour, martProductPerformance, martCohortRetention };

/** Star schema and marts, in the order they are listed and published; transform builds them in buildOrder's. */
export const MART_TABLES = [
  dimDate,
  dimCountry,
  dimCustomer,
  dimProduct,
  factInvoiceLine,
  factCancellation,
  factInvoice,
  martMonthlyRevenue,
  martCountryMonthly,
  martCountry,
  martCustomerBehaviour,
  martProductPerformance,
  martCohortRetention,
];
