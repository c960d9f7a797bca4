import { atRiskBandList } from '../kpis.js';
import { quoteIdent as q, quoteLiteral as lit } from '../../warehouse/db.js';

/**
 * SQL twins of the Power BI measures whose value depends on the page's filters (DAX cannot run here):
 * each returns the figure the DAX in kpis.ts / model-semantics.ts is meant to produce for a filter
 * context, over the published tables. A context is what the page's slicers hold: a country
 * (dim_country / dim_customer code, e.g. 'EIRE') and a churn risk band.
 */
export interface FilterContext {
  country?: string;
  band?: string;
}

/** Customers of churn_prediction left by the context: the band on the table, the country through dim_customer. */
function scoredCustomers(ctx: FilterContext): string {
  const where = [
    ctx.band ? `cp.risk_band = ${lit(ctx.band)}` : '',
    ctx.country ? `cp.customer_id in (select customer_id from dim_customer where country = ${lit(ctx.country)})` : '',
  ].filter(Boolean);
  return `select cp.customer_id from churn_prediction cp${where.length ? ` where ${where.join(' and ')}` : ''}`;
}

/** [Revenue at Stake]: campaign_list filtered by dim_customer's country, and by the scored customers in view (TREATAS). */
export function revenueAtStakeSql(ctx: FilterContext): string {
  const country = ctx.country ? ` and cl.customer_id in (select customer_id from dim_customer where country = ${lit(ctx.country)})` : '';
  return `select coalesce(sum(cl.revenue_at_stake), 0) as value from campaign_list cl where cl.customer_id in (${scoredCustomers(ctx)})${country}`;
}

/** [High-Value Prospects]: flagged customers of high_value_prediction among the scored customers in view. */
export function highValueProspectsSql(ctx: FilterContext): string {
  return `select count(*) as value from high_value_prediction hv where hv.is_flagged and hv.customer_id in (${scoredCustomers(ctx)})`;
}

/** [Customers at Risk]: High- and Medium-band customers among those in view (KEEPFILTERS: a Low slicer gives 0, not the at-risk count). */
export function customersAtRiskSql(ctx: FilterContext): string {
  return `select count(*) as value from churn_prediction where risk_band in (${atRiskBandList()}) and customer_id in (${scoredCustomers(ctx)})`;
}

/** [Average Retention] over the cohort matrix: one month's own ratio, or the total over months 1+. */
export function weightedRetentionSql(month?: number): string {
  const where = month === undefined ? 'months_since > 0' : `months_since = ${Number(month)}`;
  return `select sum(active_customers) / sum(cohort_customers) as value from mart_cohort_retention where ${where}`;
}

/** [Product Net Revenue] by stock code: net revenue of sale lines, service lines excluded, in the country in view. */
export function bestSellersSql(ctx: FilterContext, limit = 10): string {
  const country = ctx.country ? ` and f.${q('country')} = ${lit(ctx.country)}` : '';
  return `select f.stock_code, sum(f.net_line_amount) as value
    from fact_invoice_line f join dim_product p using (stock_code)
    where f.line_type = 'sale' and not p.is_service${country}
    group by f.stock_code order by value desc, f.stock_code limit ${Number(limit)}`;
}
