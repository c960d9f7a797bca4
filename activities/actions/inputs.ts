import { CHURN_BAND_THRESHOLDS } from '../../analytics/actions/campaign-rules.js';
import type { Database } from '../../warehouse/db.js';
import { sql } from '../../warehouse/sql.js';
import type { CampaignSources } from './campaign.js';
import { TOP_K, type ResolvedActionOptions } from './options.js';

/** action_param: every setting the SQL reads, bound as parameters once. */
export async function loadParams(db: Database, options: ResolvedActionOptions, sources: CampaignSources): Promise<void> {
  await db.run(
    `create or replace temp table action_param as
     select
         ((select max(invoiced_at)::date from fact_invoice_line) + 1 - $evaluation_days::integer)::timestamp as cutoff,
         $min_support::double as min_support,
         $min_confidence::double as min_confidence,
         $max_basket_products::integer as max_basket_products,
         $top_k::integer as top_k,
         $regular_invoices::integer as regular_invoices,
         $popular_pool::integer as popular_pool,
         $suggestions::integer as suggestions,
         $top_products::integer as top_products,
         $churn_window_days::integer as churn_window_days,
         $band_high::double as band_high,
         $band_medium::double as band_medium,
         $churn_source::varchar as churn_source,
         $value_source::varchar as value_source`,
    {
      evaluation_days: options.evaluationDays,
      min_support: options.minSupport,
      min_confidence: options.minConfidence,
      max_basket_products: options.maxBasketProducts,
      top_k: TOP_K,
      regular_invoices: options.regularInvoices,
      popular_pool: options.popularPool,
      suggestions: options.suggestions,
      top_products: options.topProducts,
      churn_window_days: options.churnWindowDays,
      band_high: CHURN_BAND_THRESHOLDS.high,
      band_medium: CHURN_BAND_THRESHOLDS.medium,
      churn_source: sources.churn,
      value_source: sources.value,
    },
  );
}

/** action_line (sale lines with their net units) and action_product (with its category). */
export async function loadLines(db: Database): Promise<void> {
  await db.run(sql('actions/helpers/action_line.sql'));
  await db.run('create or replace temp table action_product as select stock_code, description, category from dim_product');
}

