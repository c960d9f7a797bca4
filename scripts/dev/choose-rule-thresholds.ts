/**
 * Not a test: chooses the association-rule thresholds (minimum support and confidence) on a
 * validation window that ends where the reported out-of-time check begins, so the hit rate the
 * refresh reports (recommendation_metrics, from 90 days before the end of the data) never chose
 * them. The lines of the last 90 days are removed first; then the usual check runs 90 days before
 * the new end: rules from the invoices before end - 180 days, hits in [end - 180, end - 90).
 * Usage: npx tsx scripts/dev/choose-rule-thresholds.ts [path/to/online_retail.csv.gz]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadLines, loadParams } from '../../activities/actions/inputs.js';
import { ActionOptionsSchema } from '../../activities/actions/options.js';
import { buildRecommendations } from '../../activities/actions/recommend.js';
import { FULL_DATA_SET } from '../../runtime/project.js';
import { withDatabase } from '../../warehouse/db.js';

const file = process.argv[2] ?? FULL_DATA_SET;
// the full-data test's loader: sale lines in the layout the action SQL reads, without cancellation matching
const lines = readFileSync(fileURLToPath(new URL('../../test/actions/full-data-lines.sql', import.meta.url)), 'utf8');
const SOURCES = { churn: 'churn_prediction', value: 'customer_lifetime_value.clv_90d', rfmSegment: true, persona: true } as const;
const SUPPORTS = [0.005, 0.01, 0.02];
const CONFIDENCES = [0.1, 0.2, 0.4];

await withDatabase(':memory:', async (db) => {
  for (const statement of lines.split(/;\s*\n/).filter((s) => s.trim())) await db.run(statement, statement.includes('$file') ? { file } : undefined);
  await db.run(`delete from fact_invoice_line where invoiced_at >= (select max(invoiced_at)::date + 1 - 90 from fact_invoice_line)`);
  const results: { minSupport: number; minConfidence: number; hitRate: number; precision: number; popularHitRate: number; rules: number }[] = [];
  for (const minSupport of SUPPORTS) {
    for (const minConfidence of CONFIDENCES) {
      await loadParams(db, ActionOptionsSchema.parse({ minSupport, minConfidence }), SOURCES);
      await loadLines(db);
      const { check } = await buildRecommendations(db);
      const rules = check.find((c) => c.method === 'association_rules');
      const popular = check.find((c) => c.method === 'most_popular');
      results.push({ minSupport, minConfidence, hitRate: rules?.hitRate ?? 0, precision: rules?.precision ?? 0, popularHitRate: popular?.hitRate ?? 0, rules: rules?.rules ?? 0 });
    }
  }
  const cutoff = await db.all<{ cutoff: string }>('select cutoff::date::varchar as cutoff from action_param');
  console.log(`validation: rules before ${cutoff[0]?.cutoff}, hits in the 90 days from then (the reported check's window removed)`);
  console.table(results.map((r) => ({ ...r, hitRate: r.hitRate.toFixed(4), precision: r.precision.toFixed(4), popularHitRate: r.popularHitRate.toFixed(4) })));
  // best hit rate; an exact tie goes to the higher support, then the higher confidence (fewer, better-founded rules)
  const key = (r: (typeof results)[number]) => [r.hitRate, r.minSupport, r.minConfidence];
  const better = (b: (typeof results)[number], a: (typeof results)[number]) => {
    const [x, y] = [key(b), key(a)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] as number) > (y[i] as number);
    return false;
  };
  const best = results.reduce((a, b) => (better(b, a) ? b : a));
  console.log(`chosen: min support ${best.minSupport}, min confidence ${best.minConfidence} (hit rate@5 ${(100 * best.hitRate).toFixed(1)}%)`);
});
