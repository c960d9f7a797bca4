import { describe, expect, it } from 'vitest';
import { buildHistories, churnLabel, customerFeatures, FEATURE_NAMES, featuresAsOf, highValueLabel, type Transaction } from '../../analytics/churn-features.js';
import { CHURN, indexHistories, riskBand } from '../../analytics/churn-model.js';
import { leakageFindings, runPredictionSuite, type MethodMetrics } from '../../analytics/prediction-suite.js';
import { fitLogistic, predictLogistic } from '../../analytics/logistic-regression.js';
import { rocAuc } from '../../analytics/metrics.js';
import { mulberry32 } from '../../analytics/random.js';
import { trainForest } from '../../analytics/random-forest.js';

const at = (iso: string) => new Date(`${iso}T00:00:00Z`);
const line = (customerId: string, invoiceNo: string, date: string, amount: number, productId?: string): Transaction => ({
  customerId,
  invoiceNo,
  invoicedAt: at(date),
  amount,
  ...(productId ? { productId } : {}),
});

describe('churn features', () => {
  const transactions = [
    line('1', 'A1', '2011-01-01', 60, 'P'),
    line('1', 'A1', '2011-01-01', 40, 'Q'),
    line('1', 'A2', '2011-02-15', 50, 'P'),
    line('1', 'A3', '2011-03-10', 30, 'R'), // after the cutoff: label window only
    line('2', 'B1', '2011-02-01', 20),
    line('3', 'C1', '2011-04-01', 99), // first order after the cutoff: not in the table
  ];
  const histories = buildHistories(transactions);
  const cutoff = at('2011-03-01');

  it('computes features by hand from orders before the cutoff only', () => {
    const row = customerFeatures(histories[0]!, cutoff)!;
    const f = Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, row[i]]));
    expect(f).toMatchObject({
      recency_days: 14, // Feb 15 -> Mar 1
      frequency: 2, // invoice A1 (two lines) and A2
      monetary: 150,
      tenure_days: 59, // Jan 1 -> Mar 1
      avg_order_value: 75,
      orders_last_30d: 1,
      orders_last_90d: 2,
      orders_last_180d: 2,
      spend_last_90d: 150,
      spend_prev_90d: 0,
      spend_trend_90d: 1,
      mean_interpurchase_days: 45,
      last_gap_days: 45,
      active_months: 2,
      distinct_products: 2, // P and Q; R comes after the cutoff
    });
    expect(f.recency_to_interval).toBeCloseTo(14 / 45, 12);
    expect(f.orders_per_month).toBeCloseTo(2 / (59 / 30), 12);
  });

  it('gives one-order customers interval = tenure and ignores later customers', () => {
    const table = featuresAsOf(histories, cutoff);
    expect(table.customerIds).toEqual(['1', '2']);
    const single = table.rows[1]!;
    expect(single[FEATURE_NAMES.indexOf('mean_interpurchase_days')]).toBe(28);
    expect(single[FEATURE_NAMES.indexOf('recency_to_interval')]).toBe(1);
  });

  it('cannot see the future: adding later purchases leaves the features unchanged', () => {
    const more = buildHistories([...transactions, line('1', 'A9', '2011-03-02', 1000, 'Z'), line('2', 'B9', '2011-05-01', 5)]);
    expect(featuresAsOf(more, cutoff).rows).toEqual(featuresAsOf(histories, cutoff).rows);
  });

  it('labels churn from the window after the cutoff', () => {
    // Customer 1 buys on Mar 10 (inside 90 days): not churned. Customer 2 never buys again: churned.
    expect(churnLabel(indexHistories(histories), ['1', '2'], cutoff, 90)).toEqual([0, 1]);
    // A 5-day window ends before Mar 10.
    expect(churnLabel(indexHistories(histories), ['1', '2'], cutoff, 5)).toEqual([1, 1]);
  });

  it('labels the top spenders of the window, ties at the bar included', () => {
    const window = ['a', 'b', 'c', 'd', 'e'].flatMap((id, i) => [line(id, `${id}0`, '2011-01-01', 1), ...(i ? [line(id, `${id}1`, '2011-03-05', i * 10)] : [])]);
    const index = indexHistories(buildHistories(window));
    const ids = ['a', 'b', 'c', 'd', 'e']; // window spend 0, 10, 20, 30, 40
    expect(highValueLabel(0.2)(index, ids, cutoff, 90)).toEqual([0, 0, 0, 0, 1]);
    expect(highValueLabel(0.4)(index, ids, cutoff, 90)).toEqual([0, 0, 0, 1, 1]);
    const tied = indexHistories(buildHistories([...window, line('d', 'dx', '2011-03-06', 10)])); // d: 40 too
    expect(highValueLabel(0.2)(tied, ids, cutoff, 90)).toEqual([0, 0, 0, 1, 1]);
  });
});

describe('models', () => {
  it('logistic regression matches the closed form on a binary feature', () => {
    // x = 1: 3 positives, 1 negative -> p = 3/4; x = -1: p = 1/4. MLE: intercept 0, weight ln 3.
    const rows = [[1], [1], [1], [1], [-1], [-1], [-1], [-1]];
    const labels = [1, 1, 1, 0, 1, 0, 0, 0];
    const model = fitLogistic(rows, labels, { l2: 0 });
    expect(model.converged).toBe(true);
    expect(model.intercept).toBeCloseTo(0, 8);
    expect(model.weights[0]).toBeCloseTo(Math.log(3), 8);
    expect(predictLogistic(model, [[1]])[0]).toBeCloseTo(0.75, 8);
    // A penalty shrinks the weight.
    expect(fitLogistic(rows, labels, { l2: 4 }).weights[0]!).toBeLessThan(Math.log(3));
  });

  it('random forest learns a signal, reports OOB scores and importances, and is deterministic', () => {
    const random = mulberry32(5);
    const make = (n: number) => {
      const rows = Array.from({ length: n }, () => [random(), random(), random()]);
      return { rows, labels: rows.map((r) => (r[0]! + 0.2 * random() > 0.6 ? 1 : 0)) };
    };
    const train = make(600);
    const test = make(300);
    const forest = trainForest(train.rows, train.labels, { trees: 30, seed: 1 });
    expect(rocAuc(forest.predict(test.rows), test.labels)).toBeGreaterThan(0.95);
    expect(forest.outOfBag).toHaveLength(600);
    expect(forest.impurityImportance.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(forest.impurityImportance[0]).toBeGreaterThan(0.8);
    const again = trainForest(train.rows, train.labels, { trees: 30, seed: 1 });
    expect(again.predict(test.rows)).toEqual(forest.predict(test.rows));
  });

  it('risk bands', () => {
    expect([riskBand(0.7), riskBand(0.69), riskBand(0.4), riskBand(0.39)]).toEqual(['High', 'Medium', 'Medium', 'Low']);
  });
});

/** 400 customers over two years; each buys at a personal rate that may decay, so churn is learnable. */
function syntheticTransactions(): Transaction[] {
  const random = mulberry32(21);
  const start = at('2010-01-01').getTime();
  const end = at('2011-12-31').getTime();
  const out: Transaction[] = [];
  for (let c = 0; c < 400; c++) {
    const rate = 0.002 + random() * 0.05; // orders per day
    const stopsAt = random() < 0.5 ? start + random() * (end - start) : end;
    let t = start + random() * 200 * 86_400_000;
    let n = 0;
    while (t < stopsAt) {
      out.push(line(String(c + 1), `${c}-${n++}`, new Date(t).toISOString().slice(0, 10), 10 + random() * 200, `P${Math.floor(random() * 30)}`));
      t += (-Math.log(1 - random()) / rate) * 86_400_000;
    }
  }
  return out;
}

describe('out-of-time evaluation (runPredictionSuite, the path the refresh runs)', () => {
  const histories = buildHistories(syntheticTransactions());
  const options = { forest: { trees: 40 }, permutationRepeats: 1 };
  const run = () => runPredictionSuite({ histories, trainCutoff: at('2011-01-01'), testCutoff: at('2011-06-01'), asOf: at('2012-01-01'), options });
  const { results } = run();
  const churn = results.find((r) => r.target === 'churn')!;
  const value = results.find((r) => r.target === 'high_value')!;

  it('reports forest, logistic regression and baseline on the later holdout', () => {
    expect(churn.metrics.map((m) => m.method)).toEqual(['random_forest', 'logistic_regression', 'recency_baseline']);
    expect(churn.train.customers).toBeGreaterThan(100);
    expect(churn.test.positiveShare).toBeGreaterThan(0.05);
    expect(churn.test.positiveShare).toBeLessThan(0.95);
    for (const m of churn.metrics) expect(m.rocAuc).toBeGreaterThan(0.6);
    expect(churn.metrics[2]!.logLoss).toBeNull();
    expect(churn.importances.map((i) => i.feature).sort()).toEqual([...FEATURE_NAMES].sort());
    expect(churn.leakage).toEqual([]);
  });

  it('keeps holdout scores and labels in customer order, one per holdout customer', () => {
    expect(churn.holdout.customerIds).toHaveLength(churn.test.customers);
    const ids = churn.holdout.customerIds.map(Number);
    expect(ids).toEqual(ids.slice().sort((a, b) => a - b));
    expect(churn.holdout.actual.filter((a) => a === 1)).toHaveLength(churn.test.positives);
  });

  it('is deterministic', () => {
    const again = run().results;
    expect(again.map((r) => r.metrics)).toEqual(results.map((r) => r.metrics));
    expect(again.map((r) => r.holdout)).toEqual(results.map((r) => r.holdout));
  });

  it('publishes the method that ranked better on the validation window, a choice the test window cannot move', () => {
    for (const r of results) {
      const [forest, logistic] = r.published.validation;
      expect(r.published.validation.map((v) => v.method)).toEqual(['random_forest', 'logistic_regression']);
      expect(r.published.method).toBe(logistic!.rocAuc > forest!.rocAuc ? 'logistic_regression' : 'random_forest');
      expect(r.published.reason).toContain('validation window (fit 2010-10-03, measured 2011-01-01)');
    }
    // Every second customer's orders from the test cutoff on removed (the test labels change): the
    // validation figures and the choice are unchanged.
    const cut = at('2011-06-01').getTime();
    const before = histories.map((h, i) => ({ ...h, orders: h.orders.filter((o) => o.at < cut || i % 2 === 0) }));
    const again = runPredictionSuite({ histories: before, trainCutoff: at('2011-01-01'), testCutoff: at('2011-06-01'), asOf: at('2012-01-01'), options }).results;
    expect(again.map((r) => r.holdout.actual)).not.toEqual(results.map((r) => r.holdout.actual));
    expect(again.map((r) => r.published)).toEqual(results.map((r) => r.published));
  });

  it('refuses a test cutoff whose training labels overlap it (less than one window after the training cutoff)', () => {
    expect(() => runPredictionSuite({ histories, trainCutoff: at('2011-01-01'), testCutoff: at('2011-02-01'), asOf: at('2012-01-01') })).toThrow(RangeError);
    // exactly one window (90 days) after is allowed
    expect(() => runPredictionSuite({ histories, trainCutoff: at('2011-01-01'), testCutoff: at('2011-04-01'), asOf: at('2012-01-01'), options })).not.toThrow();
  });

  it('works with the high-value label and scores every customer as of the end', () => {
    expect(value.metrics[2]!.method).toBe('monetary_baseline');
    expect(value.test.positiveShare).toBeGreaterThan(0.1);
    expect(value.test.positiveShare).toBeLessThanOrEqual(0.2 + 1e-9);
    const current = churn.current!;
    expect(current.customerIds).toHaveLength(histories.length);
    for (const p of current.probabilities) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
    expect(riskBand(0.7)).toBe('High');
    expect(riskBand(0.4)).toBe('Medium');
    expect(riskBand(0.39)).toBe('Low');
  });
});

describe('leakage guards', () => {
  const histories = buildHistories(syntheticTransactions());
  const trainCutoff = at('2011-01-01');
  const table = featuresAsOf(histories, trainCutoff);
  const labels = CHURN.label(indexHistories(histories), table.customerIds, trainCutoff, 90);
  const honest = { method: 'random_forest', rocAuc: 0.8 } as MethodMetrics;

  it('passes honest features and scores', () => {
    expect(leakageFindings('churn', [honest], table, labels)).toEqual([]);
  });

  it('fails a churn or high-value ROC AUC above 0.95', () => {
    expect(leakageFindings('churn', [{ ...honest, rocAuc: 0.951 }], table, labels)).toHaveLength(1);
    expect(leakageFindings('high_value', [{ ...honest, rocAuc: 0.96 }], table, labels)[0]).toMatch(/high_value: random_forest has holdout ROC AUC 0.960/);
  });

  it('fails a single feature that alone reproduces the training label (either direction)', () => {
    for (const sign of [1, -1]) {
      const f = table.names.indexOf('spend_trend_90d');
      const leaky = { ...table, rows: table.rows.map((r, i) => r.map((v, j) => (j === f ? sign * (labels[i] as number) : v))) };
      expect(leakageFindings('churn', [honest], leaky, labels)).toEqual([expect.stringMatching(/the feature spend_trend_90d alone reproduces the training labels/)]);
    }
  });
});
