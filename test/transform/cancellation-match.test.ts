import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildMarts, type MatchSummary } from '../../activities/transform.js';
import { runDataTests } from '../../warehouse/data-tests.js';
import { withDatabase, type Database } from '../../warehouse/db.js';
import { MART_TABLES } from '../../warehouse/marts/index.js';
import { createStagingFixture, type FixtureLine } from './staging-fixture.js';

// Each customer below is one scenario of the rule in warehouse/CANCELLATIONS.md; line ids follow the order of the list.
const LINES: FixtureLine[] = [
  // 1: the latest earlier order with enough units takes the whole cancellation
  { invoice: '100', stock: 'A', qty: 10, at: '2011-01-03 10:00', price: '1.00', customer: 1 }, // line 1
  { invoice: '101', stock: 'A', qty: 5, at: '2011-02-03 10:00', price: '1.00', customer: 1 }, // line 2
  { invoice: 'C102', stock: 'A', qty: -4, at: '2011-03-03 10:00', price: '1.00', customer: 1 }, // line 3
  // 2: the latest order is too small, an older one has enough: the older one takes it whole
  { invoice: '200', stock: 'A', qty: 10, at: '2011-01-03 10:00', price: '2.00', customer: 2 }, // 4
  { invoice: '201', stock: 'A', qty: 2, at: '2011-02-03 10:00', price: '2.00', customer: 2 }, // 5
  { invoice: 'C202', stock: 'A', qty: -5, at: '2011-03-03 10:00', price: '2.00', customer: 2 }, // 6
  // 3: no single order is enough: split over orders, latest first
  { invoice: '300', stock: 'A', qty: 3, at: '2011-01-03 10:00', price: '1.50', customer: 3 }, // 7
  { invoice: '301', stock: 'A', qty: 2, at: '2011-02-03 10:00', price: '1.50', customer: 3 }, // 8
  { invoice: 'C302', stock: 'A', qty: -4, at: '2011-03-03 10:00', price: '1.50', customer: 3 }, // 9
  // 4: more cancelled than ever ordered: partially matched, the rest unmatched
  { invoice: '400', stock: 'A', qty: 2, at: '2011-01-03 10:00', price: '1.00', customer: 4 }, // 10
  { invoice: 'C401', stock: 'A', qty: -5, at: '2011-03-03 10:00', price: '1.00', customer: 4 }, // 11
  // 5: the order comes after the cancellation (and another product, another customer): nothing to match
  { invoice: 'C500', stock: 'A', qty: -1, at: '2011-01-03 10:00', price: '1.00', customer: 5 }, // 12
  { invoice: '501', stock: 'A', qty: 5, at: '2011-02-03 10:00', price: '1.00', customer: 5 }, // 13
  { invoice: '502', stock: 'B', qty: 5, at: '2010-12-03 10:00', price: '1.00', customer: 5 }, // 14
  // 6: a guest cancellation cannot be matched
  { invoice: 'C600', stock: 'A', qty: -3, at: '2011-03-03 10:00', price: '1.00', customer: null }, // 15
  // 7: the only order was already cancelled by an earlier cancellation
  { invoice: '700', stock: 'A', qty: 2, at: '2011-01-03 10:00', price: '1.00', customer: 7 }, // 16
  { invoice: 'C701', stock: 'A', qty: -2, at: '2011-02-03 10:00', price: '1.00', customer: 7 }, // 17
  { invoice: 'C702', stock: 'A', qty: -1, at: '2011-03-03 10:00', price: '1.00', customer: 7 }, // 18
  // 8: two cancellations compete, in time order: the first takes the latest order, the second the older one
  { invoice: '800', stock: 'A', qty: 5, at: '2011-01-03 10:00', price: '1.00', customer: 8 }, // 19
  { invoice: '801', stock: 'A', qty: 5, at: '2011-02-03 10:00', price: '1.00', customer: 8 }, // 20
  { invoice: 'C802', stock: 'A', qty: -5, at: '2011-04-03 10:00', price: '1.00', customer: 8 }, // 21
  { invoice: 'C803', stock: 'A', qty: -5, at: '2011-03-03 10:00', price: '1.00', customer: 8 }, // 22 (earlier than 21)
  // 9: an order at the same minute as its cancellation counts as earlier
  { invoice: '900', stock: 'A', qty: 1, at: '2011-05-03 10:00', price: '1.00', customer: 9 }, // 23
  { invoice: 'C901', stock: 'A', qty: -1, at: '2011-05-03 10:00', price: '1.00', customer: 9 }, // 24
];

type Pair = {
  cancellation_line_id: string;
  match_no: number;
  order_line_id: string | null;
  quantity: number;
  match_label: string;
};

describe('cancellation match', () => {
  let pairs: Pair[] = [];
  let net: Record<string, { net: number; cancelled: number; label: string | null }> = {};
  let summary: MatchSummary;
  let failures: string[] = [];

  beforeAll(async () => {
    await withDatabase(':memory:', async (db: Database) => {
      await createStagingFixture(db, LINES);
      summary = await buildMarts(db);
      pairs = await db.all<Pair>(
        'select cancellation_line_id, match_no, order_line_id, quantity, match_label from fact_cancellation order by cancellation_line_id, match_no',
      );
      const lines = await db.all<{ line_id: string; net_quantity: number; cancelled_quantity: number; cancellation_label: string | null }>(
        'select line_id, net_quantity, cancelled_quantity, cancellation_label from fact_invoice_line',
      );
      net = Object.fromEntries(lines.map((l) => [l.line_id, { net: l.net_quantity, cancelled: l.cancelled_quantity, label: l.cancellation_label }]));
      failures = (await runDataTests(db, MART_TABLES)).failures.map((f) => f.name);
    });
  });
  afterAll(() => undefined);

  const of = (line: number) => pairs.filter((p) => p.cancellation_line_id === String(line)).map((p) => [p.order_line_id === null ? null : Number(p.order_line_id), p.quantity, p.match_label]);

  it('gives a whole cancellation to the latest earlier order line with enough units', () => {
    expect(of(3)).toEqual([[2, 4, 'matched']]);
    expect(net['2']).toEqual({ net: 1, cancelled: 4, label: null });
    expect(net['1']?.net).toBe(10);
  });

  it('skips a later order line that is too small for one that has enough', () => {
    expect(of(6)).toEqual([[4, 5, 'matched']]);
    expect(net['5']?.net).toBe(2);
  });

  it('splits over earlier order lines, latest first, when no single line has enough', () => {
    expect(of(9)).toEqual([
      [8, 2, 'matched'],
      [7, 2, 'matched'],
    ]);
    expect([net['7']?.net, net['8']?.net]).toEqual([1, 0]);
  });

  it('keeps the part no order can take as an unmatched row of a partially matched cancellation', () => {
    expect(of(11)).toEqual([
      [10, 2, 'partially_matched'],
      [null, 3, 'partially_matched'],
    ]);
    expect(net['11']).toEqual({ net: -3, cancelled: 0, label: 'partially_matched' });
  });

  it('labels cancellations with no earlier order, no customer, or orders already cancelled', () => {
    expect(of(12)).toEqual([[null, 1, 'unmatched_no_prior_order']]);
    expect(net['13']?.net).toBe(5);
    expect(of(15)).toEqual([[null, 3, 'unmatched_no_customer']]);
    expect(of(17)).toEqual([[16, 2, 'matched']]);
    expect(of(18)).toEqual([[null, 1, 'unmatched_already_cancelled']]);
  });

  it('matches competing cancellations in time order', () => {
    expect(of(22)).toEqual([[20, 5, 'matched']]);
    expect(of(21)).toEqual([[19, 5, 'matched']]);
    expect(summary.rounds).toBe(2);
  });

  it('counts an order at the same minute as its cancellation as earlier', () => {
    expect(of(24)).toEqual([[23, 1, 'matched']]);
  });

  it('summarises lines and units per label, and every declared data test passes', () => {
    expect(summary.labels).toEqual([
      { label: 'matched', lines: 7, units: 26 },
      { label: 'partially_matched', lines: 1, units: 5 },
      { label: 'unmatched_already_cancelled', lines: 1, units: 1 },
      { label: 'unmatched_no_customer', lines: 1, units: 3 },
      { label: 'unmatched_no_prior_order', lines: 1, units: 1 },
    ]);
    expect(failures).toEqual([]);
  });
});
