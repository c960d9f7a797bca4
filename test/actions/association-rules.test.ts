import { describe, expect, it } from 'vitest';

import { loadLines, loadParams } from '../../activities/actions/inputs.js';
import { ActionOptionsSchema, type ActionOptions } from '../../activities/actions/options.js';
import { buildRecommendations } from '../../activities/actions/recommend.js';
import { withDatabase, type Database } from '../../warehouse/db.js';
import { createBasketFixture, type BasketCancellation, type BasketLine } from './fixture.js';

/*
 * Six invoices. Before the cutoff (the 7 days before 2011-01-21, i.e. before 2011-01-14):
 *   I1 customer 1: A B     I2 customer 2: A B C     I3 customer 3: A C     I4 customer 1: B
 * After it:
 *   I5 guest: D            I6 customer 3: B
 */
const LINES: BasketLine[] = [
  ['I1', 1, 'A', '2011-01-01'],
  ['I1', 1, 'B', '2011-01-01'],
  ['I2', 2, 'A', '2011-01-02'],
  ['I2', 2, 'B', '2011-01-02'],
  ['I2', 2, 'C', '2011-01-02'],
  ['I3', 3, 'A', '2011-01-03'],
  ['I3', 3, 'C', '2011-01-03'],
  ['I4', 1, 'B', '2011-01-04'],
  ['I5', null, 'D', '2011-01-20'],
  ['I6', 3, 'B', '2011-01-20'],
];

const SOURCES = { churn: 'churn_prediction', value: 'customer_lifetime_value.clv_90d', rfmSegment: true, persona: true } as const;

async function build(db: Database, options: ActionOptions, cancellations: readonly BasketCancellation[] = []): Promise<void> {
  await createBasketFixture(db, LINES, cancellations);
  await loadParams(db, ActionOptionsSchema.parse({ evaluationDays: 7, ...options }), SOURCES);
  await loadLines(db);
  await buildRecommendations(db);
}

async function rules(db: Database, table = 'product_association') {
  const rows = await db.all<{ antecedent: string; consequent: string; invoices: number; support: number; confidence: number; lift: number }>(
    `select antecedent, consequent, invoices::integer as invoices, support, confidence, lift from ${table} order by antecedent, consequent`,
  );
  return rows.map((r) => ({ ...r, invoices: Number(r.invoices) }));
}

describe('association rules on a hand-made invoice table', () => {
  it('have the exact support, confidence and lift, keeping lift > 1 only', async () => {
    await withDatabase(':memory:', async (db) => {
      await build(db, { minSupport: 0.3, minConfidence: 0.5 });
      // 6 invoices: A in 3, B in 4, C in 2; A+B in 2 (lift 2 x 6 / (3 x 4) = 1, dropped), A+C in 2, B+C in 1 (below 30%)
      expect(await rules(db)).toEqual([
        { antecedent: 'A', consequent: 'C', invoices: 2, support: 2 / 6, confidence: 2 / 3, lift: 2 },
        { antecedent: 'C', consequent: 'A', invoices: 2, support: 2 / 6, confidence: 1, lift: 2 },
      ]);
      // before the cutoff: 4 invoices, A 3, B 3, C 2; A+B lift 2 x 4 / 9 < 1; A+C lift 2 x 4 / 6
      const before = await db.all<{ antecedent: string; consequent: string; support: number; lift: number }>(
        `select antecedent, consequent, support, lift from action_rule where scope = 'before' order by antecedent, consequent`,
      );
      expect(before).toEqual([
        { antecedent: 'A', consequent: 'C', support: 0.5, lift: 4 / 3 },
        { antecedent: 'C', consequent: 'A', support: 0.5, lift: 4 / 3 },
      ]);
    });
  });

  it('leave out invoices with more products than the basket limit', async () => {
    await withDatabase(':memory:', async (db) => {
      // without I2 (3 products): 5 invoices, A in 2, C in 1, A+C in 1; A+B in 1 has lift 1 x 5 / (2 x 3) < 1
      await build(db, { minSupport: 0.2, minConfidence: 0.5, maxBasketProducts: 2 });
      expect(await rules(db)).toEqual([
        { antecedent: 'A', consequent: 'C', invoices: 1, support: 0.2, confidence: 0.5, lift: 2.5 },
        { antecedent: 'C', consequent: 'A', invoices: 1, support: 0.2, confidence: 1, lift: 2.5 },
      ]);
    });
  });

  it('recommend the best rule first, skip regular buys and fill with popular products', async () => {
    await withDatabase(':memory:', async (db) => {
      await build(db, { minSupport: 0.3, minConfidence: 0.5 });
      const recs = await db.all<{ customer_id: string; rank: number; stock_code: string; reason_kind: string; score: number; reason: string }>(
        'select customer_id::varchar as customer_id, rank, stock_code, reason_kind, score, reason from customer_recommendation order by customer_id, rank',
      );
      const lists = (id: string) => recs.filter((r) => r.customer_id === id).map((r) => `${r.stock_code}:${r.reason_kind}`);
      // customer 1 buys B regularly (2 invoices): C by A -> C, then the popular list B, A, C, D without B and C
      expect(lists('1')).toEqual(['C:association', 'A:popular', 'D:popular']);
      // customers 2 and 3: A by C (confidence 1) before C by A (2/3), then popular B, D
      expect(lists('2')).toEqual(['A:association', 'C:association', 'B:popular', 'D:popular']);
      expect(lists('3')).toEqual(['A:association', 'C:association', 'B:popular', 'D:popular']);
      const first = recs[0];
      expect(first?.score).toBeCloseTo(2 / 3, 12);
      expect(first?.reason).toBe('bought with PRODUCT A (A): confidence 67%, lift 2.0');
      expect(recs[1]?.score).toBe(0.5); // A is in 3 of 6 invoices
      expect(recs[1]?.reason).toBe('popular: in 50.0% of invoices');
    });
  });

  it('measure the hit rate out of time against the most-popular baseline', async () => {
    await withDatabase(':memory:', async (db) => {
      await build(db, { minSupport: 0.3, minConfidence: 0.5 });
      // only customer 3 buys before and after the cutoff; both methods list B (bought on I6) among 3 products
      const metrics = await db.all('select method, cutoff_date::varchar as cutoff_date, customers, hits, hit_rate_at_5, precision_at_5, rule_coverage, rules, max_basket_products from recommendation_metrics order by method');
      expect(metrics).toEqual([
        { method: 'association_rules', cutoff_date: '2011-01-14', customers: 1, hits: 1, hit_rate_at_5: 1, precision_at_5: 0.2, rule_coverage: 1, rules: 2, max_basket_products: 50 },
        { method: 'most_popular', cutoff_date: '2011-01-14', customers: 1, hits: 1, hit_rate_at_5: 1, precision_at_5: 0.2, rule_coverage: 0, rules: 0, max_basket_products: 50 },
      ]);
    });
  });

  it('see the baskets before the cutoff as they stood then: a later cancellation changes only the published scope', async () => {
    const beforeScope = async (db: Database) => ({
      rules: await db.all(`select antecedent, consequent, invoices::integer as invoices, support, confidence, lift from action_rule where scope = 'before' order by all`),
      lists: await db.all(`select method, customer_id::varchar as customer_id, rank, stock_code from action_recommendation where scope = 'before' order by all`),
      metrics: await db.all('select * exclude (rules) from recommendation_metrics order by method'),
    });
    const options = { minSupport: 0.3, minConfidence: 0.5 };
    const asBuilt = await withDatabase(':memory:', async (db) => {
      await build(db, options);
      return beforeScope(db);
    });
    await withDatabase(':memory:', async (db) => {
      // I3's C (customer 3, 2011-01-03) cancelled on 2011-01-18, after the cutoff of 2011-01-14
      await build(db, options, [[6, '2011-01-18']]);
      expect(await beforeScope(db)).toEqual(asBuilt);
      expect(asBuilt.rules).toHaveLength(2);
      // the published rules do net it: A+C is now in 1 of 6 invoices, below 30% support
      expect(await rules(db)).toEqual([]);
    });
    await withDatabase(':memory:', async (db) => {
      // the same cancellation before the cutoff (2011-01-10) had happened by then: the check sees it
      await build(db, options, [[6, '2011-01-10']]);
      expect((await beforeScope(db)).rules).toEqual([]);
    });
  });
});
