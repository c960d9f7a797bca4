import { quoteIdent as q, quoteLiteral as lit } from '../../warehouse/db.js';
import type { TableSpec } from '../../warehouse/spec/types.js';
import { kpisFor } from '../kpis/index.js';
import { bindRoles } from '../roles.js';
import { CANCELLATION_RATE_FLOOR } from './model-semantics.js';

/**
 * SQL twins of the Power BI measures (DAX cannot run here). A twin is the select the DAX is meant to
 * compute, over the published tables as a filter context leaves them: `inContext` narrows each table
 * the way the model's relationships carry the page's slicers (one side to many side, single
 * direction), so the twin of a measure is evaluated in the same context a card or chart puts it in.
 */
export interface FilterContext {
  /** The sales pages' Country slicer: dim_country's code (e.g. 'EIRE'), reaching the sales facts and country marts. */
  country?: string;
  /** The sales pages' Month slicer: dim_date.year_month ('2011-05'), reaching the sales facts through date_key. */
  month?: string;
  /** The customer pages' Country slicer: dim_customer.country, reaching every customer table. */
  customerCountry?: string;
  /** The customer drill-through page: one dim_customer.customer_id, reaching every customer table. */
  customerId?: string;
  /** The churn page's Risk band slicer, on churn_prediction (which filters no other table). */
  band?: string;
  /** An RFM segment (the treemap's category), reaching the tables below customer_rfm. */
  segment?: string;
  /** A chart's category on the measure's own table (no relationship involved): table, column, value. */
  where?: { table: string; column: string; value: string | number }[];
}

const SALES_FACTS = ['fact_invoice_line', 'fact_invoice', 'fact_cancellation'];
const COUNTRY_TABLES = [...SALES_FACTS, 'mart_country', 'mart_country_monthly', 'mart_customer_behaviour'];
/** Tables whose customer_id reaches dim_customer (directly or through customer_rfm). */
const CUSTOMER_TABLES = [...SALES_FACTS, 'customer_rfm', 'customer_segment', 'churn_prediction', 'high_value_prediction', 'customer_lifetime_value', 'model_holdout_predictions', 'campaign_list', 'customer_recommendation', 'mart_customer_behaviour'];
/** Tables below customer_rfm in the model. */
const BELOW_RFM = ['customer_segment', 'churn_prediction', 'high_value_prediction', 'customer_lifetime_value', 'model_holdout_predictions'];

/** The predicates a context puts on each table (the main schema's view is the unfiltered table). */
function predicates(ctx: FilterContext): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (table: string, predicate: string) => out.set(table, [...(out.get(table) ?? []), predicate]);
  if (ctx.country !== undefined) {
    add('dim_country', `country = ${lit(ctx.country)}`);
    for (const t of COUNTRY_TABLES) add(t, `country = ${lit(ctx.country)}`);
  }
  if (ctx.month !== undefined) {
    add('dim_date', `year_month = ${lit(ctx.month)}`);
    for (const t of SALES_FACTS) add(t, `date_key in (select date_key from main.dim_date where year_month = ${lit(ctx.month)})`);
  }
  if (ctx.customerCountry !== undefined) {
    add('dim_customer', `country = ${lit(ctx.customerCountry)}`);
    for (const t of CUSTOMER_TABLES) add(t, `customer_id in (select customer_id from main.dim_customer where country = ${lit(ctx.customerCountry)})`);
  }
  if (ctx.customerId !== undefined) {
    add('dim_customer', `customer_id = ${lit(ctx.customerId)}`);
    for (const t of CUSTOMER_TABLES) add(t, `customer_id = ${lit(ctx.customerId)}`);
  }
  if (ctx.segment !== undefined) {
    add('customer_rfm', `segment = ${lit(ctx.segment)}`);
    for (const t of BELOW_RFM) add(t, `customer_id in (select customer_id from main.customer_rfm where segment = ${lit(ctx.segment)})`);
  }
  if (ctx.band !== undefined) add('churn_prediction', `risk_band = ${lit(ctx.band)}`);
  for (const w of ctx.where ?? []) add(w.table, `${q(w.column)} = ${typeof w.value === 'number' ? Number(w.value) : lit(w.value)}`);
  return out;
}

/** `sql` over the tables as the context leaves them: each filtered table shadowed by a CTE of its rows in context. */
export function inContext(sql: string, ctx: FilterContext): string {
  const ctes = [...predicates(ctx)].map(([table, where]) => `${q(table)} as (select * from main.${q(table)} where ${where.join(' and ')})`);
  return ctes.length ? `with ${ctes.join(', ')} ${sql}` : sql;
}

/** Customers left in view on churn_prediction: what TREATAS(VALUES(churn_prediction[customer_id]), ...) carries over. */
const SCORED = 'customer_id in (select customer_id from churn_prediction)';

/**
 * The twin of every measure whose figure a card, chart or table shows, by measure name; a function of the
 * context where the DAX branches on it (ISFILTERED). Measures whose KPI SQL is already the model's
 * semantics (plain filtered sums and counts) reuse it, so the KPI list stays the one definition.
 */
export function measureTwins(specs: readonly TableSpec[]): Map<string, (ctx: FilterContext) => string> {
  const roles = bindRoles(specs);
  const twins = new Map<string, (ctx: FilterContext) => string>();
  for (const kpi of kpisFor(specs)) if (kpi.sql) twins.set(kpi.name, () => kpi.sql as string);
  const set = (name: string, sql: string) => twins.set(name, () => sql);
  if (roles.highValue && roles.churn) set('High-Value Prospects', `select count(*) from high_value_prediction where is_flagged and ${SCORED}`);
  if (roles.campaignList && roles.churn) {
    set('Revenue at Stake', `select coalesce(sum(revenue_at_stake), 0) from campaign_list where ${SCORED}`);
    set('Campaign Customers', `select count(*) from campaign_list where ${SCORED}`);
  }
  if (roles.segments) set('Cluster Members', `select count(*) from ${q(roles.segments.name)}`);
  if (roles.clusterProfiles) set('Cluster Customers', `select coalesce(sum(customers), 0) from ${q(roles.clusterProfiles.name)}`);
  if (roles.kSelection) set('Mean Silhouette', `select avg(silhouette) from ${q(roles.kSelection.name)}`);
  if (roles.quarantine) set('Quarantined Lines', `select count(*) from ${q(roles.quarantine.name)}`);
  if (roles.cleaningRules) set('Lines Touched', `select coalesce(sum(${q(roles.cleaningRules.col.rows)}), 0) from ${q(roles.cleaningRules.name)}`);
  if (roles.cohorts) {
    // One month in view: its own ratio; a total over months leaves month 0 out (KEEPFILTERS(months_since > 0)).
    set(
      'Average Retention',
      `select case when count(distinct months_since) = 1 then sum(active_customers) / nullif(sum(cohort_customers), 0)
              else sum(active_customers) filter (where months_since > 0) / nullif(sum(cohort_customers) filter (where months_since > 0), 0) end
       from mart_cohort_retention`,
    );
  }
  if (roles.sales && roles.product) {
    const merchandise = `line_type = 'sale' and stock_code in (select stock_code from dim_product where not is_service)`;
    set('Product Net Revenue', `select sum(net_line_amount) from fact_invoice_line where ${merchandise}`);
    set(
      'Product Cancellation Rate',
      `select case when count(*) filter (where line_type = 'sale') >= ${CANCELLATION_RATE_FLOOR}
              then coalesce(sum(cancelled_amount) filter (where ${merchandise}), 0) / nullif(sum(line_amount) filter (where ${merchandise}), 0) end
       from fact_invoice_line`,
    );
  }
  if (roles.demandWeekly && roles.demandForecast) {
    // IF(ISFILTERED(series_name), SUM(...), categories only): product series are part of their category's units.
    const seriesPicked = (ctx: FilterContext) => (ctx.where ?? []).some((w) => w.column === 'series');
    const summed = (table: string, column: string) => (ctx: FilterContext) =>
      `select sum(${q(column)}) from ${q(table)}${seriesPicked(ctx) ? '' : " where series_type = 'category'"}`;
    twins.set('Actual Units', summed('demand_weekly', 'units'));
    twins.set('Forecast Units', summed('demand_forecast', 'units_forecast'));
    // IF(HASONEVALUE(series_name), SUM(...)): blank unless one series is in view.
    const single = (column: string) => (ctx: FilterContext) =>
      seriesPicked(ctx) ? `select sum(${q(column)}) from demand_forecast` : 'select null';
    twins.set('Forecast Lower', single('lower'));
    twins.set('Forecast Upper', single('upper'));
  }
  return twins;
}

/** The select of a measure's value in a context, or undefined when the measure has no twin. */
export function measureTwinSql(specs: readonly TableSpec[], name: string, ctx: FilterContext = {}): string | undefined {
  const twin = measureTwins(specs).get(name);
  return twin ? inContext(twin(ctx), ctx) : undefined;
}

/** Best sellers: [Product Net Revenue] per stock code in a context, highest first. */
export function bestSellersSql(ctx: FilterContext, limit = 10): string {
  return inContext(
    `select stock_code, sum(net_line_amount) as value from fact_invoice_line
     where line_type = 'sale' and stock_code in (select stock_code from dim_product where not is_service)
     group by stock_code order by value desc, stock_code limit ${Number(limit)}`,
    ctx,
  );
}
