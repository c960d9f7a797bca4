import type { Database } from '../warehouse/db.js';
import { quoteIdent } from '../warehouse/db.js';
import type { TableSpec } from '../warehouse/spec/types.js';
import { demandKpis } from './demand-chart.js';
import { daxColumn, daxTable } from './powerbi/dax.js';
import { bindRoles } from './roles.js';

export type KpiFormat = 'money' | 'integer' | 'percent' | 'decimal';

/**
 * One key figure, defined once in DAX (for the Power BI model) and once in SQL (for the Excel
 * summary, the dashboard and the README), side by side so the two cannot silently diverge.
 */
export interface Kpi {
  name: string;
  /** The table the Power BI measure lives on. */
  table: string;
  description: string;
  format: KpiFormat;
  dax: string;
  /** A select returning one value, over the warehouse tables; absent for measures only meaningful in a filter context. */
  sql?: string;
  /** Shown as a card on the Overview page and in summaries. */
  headline?: boolean;
  /**
   * The same figure per month: an expression over one row of mart_monthly_revenue (the dashboard's
   * trend and change against the previous month). Absent for model scores, which have no earlier period.
   */
  monthly?: string;
  /**
   * How the figure adds up over any months and countries of mart_country_monthly: the sum of one
   * column, divided by the sum of another for a ratio. The dashboard recomputes the KPI card this way
   * under a date range or country filter; absent when the figure does not add up (distinct customers).
   */
  additive?: { sum: CountryMonthColumn; per?: CountryMonthColumn };
}

/** The additive columns of mart_country_monthly a KPI can be summed from. */
export type CountryMonthColumn = 'net_amount' | 'gross_amount' | 'cancelled_amount' | 'orders';

/**
 * "At risk" means one thing everywhere (the KPI card, the dashboard's at-risk list, the workbook, the
 * run summary and Power BI): a High or Medium churn-risk band, i.e. a churn probability of 0.4 or more.
 * Medium is included because a campaign can still win those customers back; High alone (0.7+) is
 * mostly customers already gone.
 */
export const AT_RISK_BANDS = ['High', 'Medium'] as const;
export const AT_RISK_DEFINITION = 'Customers in the High or Medium churn-risk band (churn probability 0.4 or more): the at-risk list.';
/** The at-risk bands as a SQL list: 'High', 'Medium'. */
export const atRiskBandList = () => AT_RISK_BANDS.map((b) => `'${b}'`).join(', ');

const t = daxTable;
const c = daxColumn;
const q = quoteIdent;

/**
 * Retention of the cells in view weighted by cohort size. A single month shows its own ratio (month 0
 * is 100%); any total over months leaves month 0 out, as the dashboard's retention figures do.
 */
function weightedRetentionDax(table: string, period: string): string {
  const active = c(table, 'active_customers');
  const size = c(table, 'cohort_customers');
  return `IF(HASONEVALUE(${c(table, period)}), DIVIDE(SUM(${active}), SUM(${size})), CALCULATE(DIVIDE(SUM(${active}), SUM(${size})), KEEPFILTERS(${c(table, period)} > 0)))`;
}

/** Every KPI whose tables exist in `specs`, in display order. */
export function kpisFor(specs: readonly TableSpec[]): Kpi[] {
  const roles = bindRoles(specs);
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
  const { rfm } = roles;
  if (rfm) {
    kpis.push(
      {
        name: 'Average Recency Days',
        table: rfm.name,
        description: 'Mean days since the last purchase, over customers with a purchase.',
        format: 'decimal',
        dax: `AVERAGE(${c(rfm.name, rfm.col.recency)})`,
        sql: `select avg(${q(rfm.col.recency)}) from ${q(rfm.name)}`,
      },
      {
        name: 'Average Frequency',
        table: rfm.name,
        description: 'Mean number of orders per customer.',
        format: 'decimal',
        dax: `AVERAGE(${c(rfm.name, rfm.col.frequency)})`,
        sql: `select avg(${q(rfm.col.frequency)}) from ${q(rfm.name)}`,
      },
      {
        name: 'Average Customer Value',
        table: rfm.name,
        description: 'Mean net revenue per customer.',
        format: 'money',
        dax: `AVERAGE(${c(rfm.name, rfm.col.monetary)})`,
        sql: `select avg(${q(rfm.col.monetary)}) from ${q(rfm.name)}`,
      },
      {
        name: 'Segment Customers',
        table: rfm.name,
        description: 'Customers with an RFM segment (in the selected segments).',
        format: 'integer',
        dax: `COUNTROWS(${t(rfm.name)}) + 0`,
        sql: `select count(*) from ${q(rfm.name)}`,
      },
    );
  }
  const { segments } = roles;
  if (segments) {
    kpis.push({
      name: 'Cluster Members',
      table: segments.name,
      description: 'Customers assigned to the K-Means clusters and personas in view (one row per customer of customer_segment).',
      format: 'integer',
      dax: `COUNTROWS(${t(segments.name)}) + 0`,
    });
  }
  const { clusterProfiles } = roles;
  if (clusterProfiles) {
    kpis.push({
      name: 'Cluster Customers',
      table: clusterProfiles.name,
      description: 'Customers in the clusters in view (pick one method: K-Means and DBSCAN each cover every customer).',
      format: 'integer',
      dax: `SUM(${c(clusterProfiles.name, clusterProfiles.col.customers)}) + 0`,
    });
  }
  const { kSelection } = roles;
  if (kSelection) {
    kpis.push({
      name: 'Mean Silhouette',
      table: kSelection.name,
      description: 'Mean silhouette of the K-Means clustering for the k in view (higher = better separated).',
      format: 'decimal',
      dax: `AVERAGE(${c(kSelection.name, kSelection.col.silhouette)})`,
    });
  }
  const { churn } = roles;
  if (churn) {
    const ch = churn.name;
    kpis.push(
      {
        name: 'Churn Rate',
        table: ch,
        description: 'Expected share of customers who make no purchase in the next 90 days: the mean predicted churn probability.',
        format: 'percent',
        headline: true,
        dax: `AVERAGE(${c(ch, churn.col.probability)})`,
        sql: `select avg(${q(churn.col.probability)}) from ${q(ch)}`,
      },
      {
        name: 'Customers at Risk',
        table: ch,
        description: AT_RISK_DEFINITION,
        format: 'integer',
        headline: true,
        // KEEPFILTERS: a Risk band slicer narrows the count instead of being replaced by the at-risk bands.
        dax: `CALCULATE(COUNTROWS(${t(ch)}), KEEPFILTERS(${c(ch, churn.col.band)} IN {${AT_RISK_BANDS.map((b) => `"${b}"`).join(', ')}})) + 0`,
        sql: `select count(*) filter (where ${q(churn.col.band)} in (${atRiskBandList()})) from ${q(ch)}`,
      },
      {
        name: 'Scored Customers',
        table: ch,
        description: 'Customers with a churn prediction (in the selected risk bands).',
        format: 'integer',
        dax: `COUNTROWS(${t(ch)}) + 0`,
        sql: `select count(*) from ${q(ch)}`,
      },
    );
  }
  const { highValue } = roles;
  if (highValue) {
    kpis.push({
      name: 'High-Value Prospects',
      table: highValue.name,
      description: 'Customers the high-value model flags as likely top-20% spenders in the next 90 days.',
      format: 'integer',
      // The churn page's Risk band slicer sits on churn_prediction, which filters no other table: TREATAS carries its customers over.
      dax: roles.churn
        ? `CALCULATE(COUNTROWS(${t(highValue.name)}), KEEPFILTERS(${c(highValue.name, highValue.col.flagged)} = TRUE()), TREATAS(VALUES(${c(roles.churn.name, roles.churn.col.customer)}), ${c(highValue.name, highValue.col.customer)})) + 0`
        : `CALCULATE(COUNTROWS(${t(highValue.name)}), ${c(highValue.name, highValue.col.flagged)} = TRUE()) + 0`,
      sql: `select count(*) filter (where ${q(highValue.col.flagged)}) from ${q(highValue.name)}`,
    });
  }
  const { campaignSummary } = roles;
  if (campaignSummary) {
    const cs = campaignSummary.name;
    kpis.push(
      {
        name: 'Revenue at Stake',
        table: cs,
        description: 'Expected 90-day value x churn probability, summed over the customers of the actions in view.',
        format: 'money',
        headline: true,
        // campaign_summary has no relationships; the customer-level list does (to dim_customer), and TREATAS
        // carries the churn page's Risk band (on churn_prediction) over, so the card follows the page's slicers.
        dax:
          roles.campaignList && roles.churn
            ? `CALCULATE(SUM(${c(roles.campaignList.name, roles.campaignList.col.atStake)}), TREATAS(VALUES(${c(roles.churn.name, roles.churn.col.customer)}), ${c(roles.campaignList.name, roles.campaignList.col.customer)}))`
            : `SUM(${c(cs, campaignSummary.col.atStake)})`,
        sql: `select sum(${q(campaignSummary.col.atStake)}) from ${q(cs)}`,
      },
      {
        name: 'Campaign Customers',
        table: cs,
        description: 'Customers of the actions in view.',
        format: 'integer',
        // Counted on the customer-level list (as Revenue at Stake sums it), so an action axis, a country or a risk band narrows it;
        // campaign_summary's own column would show the total on every bar.
        dax:
          roles.campaignList && roles.churn
            ? `CALCULATE(COUNTROWS(${t(roles.campaignList.name)}), TREATAS(VALUES(${c(roles.churn.name, roles.churn.col.customer)}), ${c(roles.campaignList.name, roles.campaignList.col.customer)})) + 0`
            : `SUM(${c(cs, campaignSummary.col.customers)}) + 0`,
      },
    );
  }
  const { cohorts } = roles;
  if (cohorts) {
    kpis.push({
      name: 'Average Retention',
      table: cohorts.name,
      description: 'Retention weighted by cohort size: customers active / cohort customers over the cohorts and months in view; totals leave out month 0 (100% by definition).',
      format: 'percent',
      dax: weightedRetentionDax(cohorts.name, cohorts.col.period),
    });
  }
  const { loadAudit } = roles;
  if (loadAudit) {
    const a = loadAudit.name;
    const sum = (k: keyof typeof loadAudit.col) => `select sum(${q(loadAudit.col[k])}) from ${q(a)}`;
    kpis.push(
      { name: 'Rows Read', table: a, description: 'Input lines read.', format: 'integer', dax: `SUM(${c(a, loadAudit.col.read)})`, sql: sum('read') },
      { name: 'Rows Staged', table: a, description: 'Input lines that passed the contract.', format: 'integer', dax: `SUM(${c(a, loadAudit.col.staged)})`, sql: sum('staged') },
      { name: 'Rows Quarantined', table: a, description: 'Input lines rejected by the contract.', format: 'integer', dax: `SUM(${c(a, loadAudit.col.quarantined)})`, sql: sum('quarantined') },
      {
        name: 'Quarantine Share',
        table: a,
        description: 'Rejected lines as a share of lines read.',
        format: 'percent',
        dax: 'DIVIDE([Rows Quarantined], [Rows Read])',
        sql: `select sum(${q(loadAudit.col.quarantined)}) / nullif(sum(${q(loadAudit.col.read)}), 0) from ${q(a)}`,
      },
    );
  }
  const { quarantine } = roles;
  if (quarantine) {
    kpis.push({
      name: 'Quarantined Lines',
      table: quarantine.name,
      description: 'Rejected lines in the current filter (for example per reason).',
      format: 'integer',
      dax: `COUNTROWS(${t(quarantine.name)}) + 0`,
    });
  }
  const { cleaningRules } = roles;
  if (cleaningRules) {
    kpis.push({
      name: 'Lines Touched',
      table: cleaningRules.name,
      description: 'Lines the cleaning rules in view touched (a line can be touched by several rules).',
      format: 'integer',
      dax: `SUM(${c(cleaningRules.name, cleaningRules.col.rows)}) + 0`,
    });
  }
  kpis.push(...demandKpis(roles));
  return kpis;
}

export interface KpiValue {
  name: string;
  description: string;
  format: KpiFormat;
  value: number | null;
}

/** Computes every KPI that has SQL against the tables of an open database. */
export async function computeKpis(db: Database, specs: readonly TableSpec[]): Promise<KpiValue[]> {
  const values: KpiValue[] = [];
  for (const kpi of kpisFor(specs)) {
    if (!kpi.sql) continue;
    const rows = await db.all(kpi.sql);
    const raw = rows[0] ? Object.values(rows[0])[0] : null;
    const value = raw === null || raw === undefined ? null : Number(raw);
    values.push({ name: kpi.name, description: kpi.description, format: kpi.format, value });
  }
  return values;
}

/** Formats a KPI value the way a reader expects it (en-GB, pounds, percent with one decimal). */
export function formatKpi(value: number | null, format: KpiFormat): string {
  if (value === null || Number.isNaN(value)) return '—';
  switch (format) {
    case 'money':
      return `£${value.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    case 'integer':
      return Math.round(value).toLocaleString('en-GB');
    case 'percent':
      return `${(value * 100).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
    case 'decimal':
      return value.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
}
