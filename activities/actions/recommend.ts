import type { Database } from '../../warehouse/db.js';
import { sql } from '../../warehouse/sql.js';

export interface RecommendationCheck {
  method: string;
  customers: number;
  hitRate: number;
  precision: number;
  ruleCoverage: number;
  rules: number;
}

/**
 * Market-basket rules and per-customer recommendations, set-based in DuckDB: builds
 * product_association, customer_recommendation and recommendation_metrics from action_line and
 * action_param (see the SQL files for the rules). Returns the out-of-time check for the notes.
 */
export async function buildRecommendations(db: Database): Promise<{ notes: string[]; check: RecommendationCheck[] }> {
  await db.run(sql('actions/helpers/action_basket.sql'));
  await db.run(sql('actions/helpers/association_rules.sql'));
  await db.run(sql('actions/product_association.sql'));
  await db.run(sql('actions/helpers/recommendations.sql'));
  await db.run(sql('actions/customer_recommendation.sql'));
  await db.run(sql('actions/recommendation_metrics.sql'));
  const rows = await db.all<{ method: string; customers: number; hit_rate_at_5: number; precision_at_5: number; rule_coverage: number; rules: number; cutoff_date: string }>(
    'select method, customers, hit_rate_at_5, precision_at_5, rule_coverage, rules, cutoff_date from recommendation_metrics order by method',
  );
  const check = rows.map((r) => ({
    method: r.method,
    customers: Number(r.customers),
    hitRate: Number(r.hit_rate_at_5),
    precision: Number(r.precision_at_5),
    ruleCoverage: Number(r.rule_coverage),
    rules: Number(r.rules),
  }));
  const rules = await db.number('select count(*) from product_association');
  const params = await db.all<{ min_support: number; min_confidence: number; max_basket_products: number }>(
    'select min_support, min_confidence, max_basket_products from action_param',
  );
  const p = params[0];
  const notes = [
    `association rules: ${rules} (support >= ${pct(Number(p?.min_support))}, confidence >= ${pct(Number(p?.min_confidence))}, lift > 1, invoices of at most ${p?.max_basket_products} products)`,
  ];
  const rulesCheck = check.find((c) => c.method === 'association_rules');
  const popular = check.find((c) => c.method === 'most_popular');
  if (rulesCheck && popular && rulesCheck.customers > 0) {
    notes.push(
      `recommendations, out of time from ${rows[0]?.cutoff_date} on ${rulesCheck.customers} customers: hit rate@5 ${pct(rulesCheck.hitRate)} ` +
        `(most popular ${pct(popular.hitRate)}), precision@5 ${pct(rulesCheck.precision)} (most popular ${pct(popular.precision)})`,
    );
  } else {
    notes.push('recommendations: no customer bought both before and after the evaluation cutoff, so recommendation_metrics is empty');
  }
  return { notes, check };
}

function pct(value: number): string {
  return `${(100 * value).toFixed(1)}%`;
}
