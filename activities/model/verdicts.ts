import type { Database } from '../../warehouse/db.js';
import { f3 } from '../../analytics/format.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** How a gain reads in words: a difference of less than 0.01 in ROC AUC is no real gain. */
function gain(model: number, baseline: number): string {
  const d = model - baseline;
  if (Math.abs(d) < 0.01) return 'no real gain over';
  return d > 0 ? 'better than' : 'worse than';
}

/**
 * One plain sentence per model, its result against its baseline, read from the tables the model step
 * stored (so the sentence says what a reader of the warehouse finds). `published` names the method
 * each target's scores come from. Models that did not run give no sentence.
 */
export async function modelVerdicts(db: Database, published: Partial<Record<'churn' | 'high_value', string>>): Promise<string[]> {
  const out: string[] = [];
  const auc = async (target: string, method: string) => {
    const rows = await db.all<{ roc_auc: number }>('select roc_auc from model_metrics where target = $target and method = $method', { target, method });
    return rows[0] ? Number(rows[0].roc_auc) : undefined;
  };
  const label = (method: string) => method.replace('_', ' ');
  for (const [target, baseline, what, base] of [
    ['churn', 'recency_baseline', 'who will not buy in the next 90 days', 'days since the last purchase'],
    ['high_value', 'monetary_baseline', 'who will be among the top 20% spenders of the next 90 days', 'past spend'],
  ] as const) {
    const method = published[target];
    const model = method ? await auc(target, method) : undefined;
    const reference = await auc(target, baseline);
    if (method && model !== undefined && reference !== undefined) {
      out.push(`${target === 'churn' ? 'Churn' : 'High value'}: the published ${label(method)} ranks ${what} with ROC AUC ${f3(model)} on the later holdout, ${gain(model, reference)} ${base} alone (${f3(reference)}).`);
    }
  }
  const lifetime = await db.all<{ predicted: number; actual: number }>('select sum(predicted_purchases) as predicted, sum(actual_purchases)::double as actual from model_lifetime_holdout');
  const l = lifetime[0];
  if (l && Number(l.actual) > 0) {
    const rel = Number(l.predicted) / Number(l.actual) - 1;
    out.push(
      `Lifetime value: BG/NBD expected ${Math.round(Number(l.predicted))} purchase days in the 90 days after the test cutoff against ${Math.round(Number(l.actual))} actual (${rel >= 0 ? '+' : ''}${pct(rel)}), ` +
        `${Math.abs(rel) <= 0.1 ? 'within' : 'outside'} the ±10% a planning figure needs.`,
    );
  }
  const segments = await db.all<{ source: string; n: number; stability: number }>('select any_value(source) as source, count(*)::integer as n, any_value(stability_ari) as stability from marketing_segment');
  const best = await db.all<{ k: number; silhouette: number }>('select k, silhouette from model_k_selection where is_chosen');
  const s = segments[0];
  if (s && Number(s.n) > 0) {
    out.push(
      `Segments: ${s.source === 'kmeans' ? `K-Means gives ${s.n} marketing segments` : `the RFM segments grouped into ${s.n} serve as marketing segments (no stable K-Means split of 4-8)`} ` +
        `with stability ${f3(Number(s.stability))} (1 = the same on every resample)${best[0] ? `, beside the statistically best k = ${best[0].k} (silhouette ${f3(Number(best[0].silhouette))})` : ''}.`,
    );
  }
  const recs = await db.all<{ method: string; hit_rate_at_5: number }>('select method, hit_rate_at_5 from recommendation_metrics order by method');
  const rules = recs.find((r) => r.method === 'association_rules');
  const popular = recs.find((r) => r.method === 'most_popular');
  if (rules && popular) {
    out.push(`Recommendations: ${pct(Number(rules.hit_rate_at_5))} of customers bought one of their five suggestions after the check's cutoff, against ${pct(Number(popular.hit_rate_at_5))} for the five most popular products.`);
  }
  const demand = await db.all<{ series_type: string; chosen: number; naive: number }>(
    `select series_type, avg(mae) filter (where chosen) as chosen, avg(mae) filter (where method = 'naive') as naive
     from forecast_backtest group by series_type order by series_type`,
  );
  for (const d of demand) {
    if (!(Number(d.naive) > 0)) continue;
    const rel = 1 - Number(d.chosen) / Number(d.naive);
    out.push(`Demand (${d.series_type}): the chosen forecasts' weekly error on the last backtest weeks is ${pct(Math.abs(rel))} ${rel >= 0 ? 'smaller' : 'larger'} than repeating last week's units.`);
  }
  return out;
}
