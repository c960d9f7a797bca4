import { quoteIdent as q } from '../../warehouse/db.js';
import { daxColumn as c } from '../powerbi/dax.js';
import type { Roles } from '../roles.js';
import type { Kpi } from './kpi.js';

/** Revenue, orders and customers of the sales fact. */
export function salesKpis(roles: Roles): Kpi[] {
  const kpis: Kpi[] = [];
  const { sales } = roles;
  if (sales) {
    // Revenue follows warehouse/CANCELLATIONS.md: gross = sale lines (not C, not A, not stock corrections),
    // cancelled = units taken back by matched cancellations at the order's price, net = gross - cancelled.
    const s = sales.name;
    const col = (k: keyof typeof sales.col) => c(s, sales.col[k]);
    const sq = (k: keyof typeof sales.col) => q(sales.col[k]);
    const sale = `${col('lineType')} = "sale"`;
    const isSale = `${sq('lineType')} = 'sale'`;
    kpis.push(
      {
        name: 'Total Revenue',
        table: s,
        description: 'Gross revenue: quantity x unit price of sale lines (guest sales and service lines included; cancellations, bad-debt adjustments and stock corrections excluded).',
        format: 'money',
        headline: true,
        dax: `CALCULATE(SUM(${col('amount')}), ${sale})`,
        sql: `select sum(${sq('amount')}) filter (where ${isSale}) from ${q(s)}`,
      },
      {
        name: 'Net Revenue',
        table: s,
        description: 'Gross revenue minus the revenue taken back by matched cancellations (the net amounts of sale lines).',
        format: 'money',
        headline: true,
        dax: `CALCULATE(SUM(${col('netAmount')}), ${sale})`,
        sql: `select sum(${sq('netAmount')}) filter (where ${isSale}) from ${q(s)}`,
        monthly: 'net_amount',
        additive: { sum: 'net_amount' },
      },
      {
        name: 'Customer Revenue',
        table: s,
        description: 'Gross revenue of known customers (guest sales excluded).',
        format: 'money',
        dax: `CALCULATE([Total Revenue], ${col('guest')} = FALSE())`,
        sql: `select sum(${sq('amount')}) filter (where ${isSale} and not ${sq('guest')}) from ${q(s)}`,
      },
      {
        name: 'Total Orders',
        table: s,
        description: 'Orders: distinct invoices with at least one sale line.',
        format: 'integer',
        headline: true,
        dax: `CALCULATE(DISTINCTCOUNT(${col('invoice')}), ${sale})`,
        sql: `select count(distinct ${sq('invoice')}) filter (where ${isSale}) from ${q(s)}`,
        monthly: 'orders',
        additive: { sum: 'orders' },
      },
      {
        name: 'Total Customers',
        table: s,
        description: 'Distinct known customers with a real purchase: a sale line of a product (not a service, postage or test code) at a price above £0.',
        format: 'integer',
        headline: true,
        dax: `CALCULATE(DISTINCTCOUNT(${col('customer')}), ${sale}, ${col('guest')} = FALSE(), ${col('service')} = FALSE(), ${col('price')} > 0)`,
        sql: `select count(distinct ${sq('customer')}) filter (where ${isSale} and not ${sq('guest')} and not ${sq('service')} and ${sq('price')} > 0) from ${q(s)}`,
        // Per month: the known customers who bought in that month.
        monthly: 'customers',
      },
      {
        name: 'Average Order Value',
        table: s,
        description: 'Gross revenue divided by orders.',
        format: 'money',
        headline: true,
        dax: 'DIVIDE([Total Revenue], [Total Orders])',
        sql: `select sum(${sq('amount')}) filter (where ${isSale}) / nullif(count(distinct ${sq('invoice')}) filter (where ${isSale}), 0) from ${q(s)}`,
        monthly: 'gross_amount / nullif(orders, 0)',
        additive: { sum: 'gross_amount', per: 'orders' },
      },
      {
        name: 'Units Sold',
        table: s,
        description: 'Units on sale lines (before cancellations).',
        format: 'integer',
        dax: `CALCULATE(SUM(${col('quantity')}), ${sale})`,
        sql: `select sum(${sq('quantity')}) filter (where ${isSale}) from ${q(s)}`,
      },
      {
        name: 'Cancelled Amount',
        table: s,
        description: "Revenue taken back by matched cancellations, at the order line's price and booked on the order.",
        format: 'money',
        dax: `CALCULATE(SUM(${col('cancelledAmount')}), ${sale}) + 0`,
        sql: `select coalesce(sum(${sq('cancelledAmount')}) filter (where ${isSale}), 0) from ${q(s)}`,
      },
      {
        name: 'Cancellation Rate',
        table: s,
        description: 'Cancelled amount as a share of the gross revenue of the same orders.',
        format: 'percent',
        headline: true,
        dax: 'DIVIDE([Cancelled Amount], [Total Revenue])',
        sql: `select coalesce(sum(${sq('cancelledAmount')}) filter (where ${isSale}), 0) / nullif(sum(${sq('amount')}) filter (where ${isSale}), 0) from ${q(s)}`,
        monthly: 'cancelled_amount / nullif(gross_amount, 0)',
        additive: { sum: 'cancelled_amount', per: 'gross_amount' },
      },
      {
        name: 'Unmatched Cancellations',
        table: s,
        description: "Cancelled value that matches no order in the data (at the cancellation's price); shown, not subtracted.",
        format: 'money',
        dax: `0 - CALCULATE(SUM(${col('netAmount')}), ${col('lineType')} = "cancellation")`,
        sql: `select coalesce(-sum(${sq('netAmount')}) filter (where ${sq('lineType')} = 'cancellation'), 0) from ${q(s)}`,
      },
    );
  }
  return kpis;
}
