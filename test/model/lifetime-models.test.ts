import { describe, expect, it } from 'vitest';

import {
  bgnbdLogLikelihood,
  expectedPurchases,
  expectedPurchaseValue,
  fitBgNbd,
  fitGammaGamma,
  lifetimeSummaries,
  probabilityAlive,
  probabilityNoPurchase,
  type BgNbdParams,
  type LifetimeSummary,
} from '../../analytics/bgnbd.js';
import { buildHistories, DAY_MS } from '../../analytics/churn-features.js';
import { nelderMead } from '../../analytics/nelder-mead.js';
import { mulberry32, type Random } from '../../analytics/random.js';
import { hyp2f1, logGamma } from '../../analytics/special-functions.js';

/** Gamma(shape, scale 1) by Marsaglia and Tsang (boosted for shape < 1). */
function gamma(random: Random, shape: number): number {
  if (shape < 1) return gamma(random, shape + 1) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      // Box-Muller normal
      x = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Customers drawn from the BG/NBD process itself, observed for `age` days from their first purchase. */
function simulate(p: BgNbdParams, customers: number, seed: number): { data: LifetimeSummary[]; future: number[] } {
  const random = mulberry32(seed);
  const data: LifetimeSummary[] = [];
  const future: number[] = [];
  for (let i = 0; i < customers; i++) {
    const lambda = gamma(random, p.r) / p.alpha;
    const ga = gamma(random, p.a);
    const dropout = ga / (ga + gamma(random, p.b));
    const age = 100 + Math.floor(random() * 200);
    let t = 0;
    let x = 0;
    let last = 0;
    let alive = true;
    let later = 0;
    while (alive) {
      t += -Math.log(1 - random()) / lambda;
      if (t > age + 90) break;
      if (t <= age) {
        x++;
        last = t;
      } else later++;
      if (random() < dropout) alive = false;
    }
    data.push({ customerId: String(i), frequency: x, recency: last, age, meanRepeatSpend: 0 });
    future.push(later);
  }
  return { data, future };
}

describe('special functions and Nelder-Mead', () => {
  it('log Gamma matches known values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 9); // ln(100!)
  });

  it('2F1 matches closed forms', () => {
    expect(hyp2f1(1, 1, 2, 0.3)).toBeCloseTo(-Math.log(1 - 0.3) / 0.3, 12);
    expect(hyp2f1(2, 3, 3, 0.4)).toBeCloseTo((1 - 0.4) ** -2, 12);
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
  });

  it('Nelder-Mead finds the minimum of the Rosenbrock function', () => {
    const result = nelderMead(([x, y]) => (1 - x!) ** 2 + 100 * (y! - x! ** 2) ** 2, [-1.2, 1], { maxIterations: 5000, tolerance: 1e-14 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 3);
    expect(result.x[1]).toBeCloseTo(1, 3);
  });
});

describe('BG/NBD', () => {
  const truth: BgNbdParams = { r: 0.8, alpha: 40, a: 0.6, b: 3 };
  const { data, future } = simulate(truth, 4000, 7);

  it('recovers the parameters of data drawn from the model, deterministically', () => {
    const fit = fitBgNbd(data);
    expect(fit.converged).toBe(true);
    expect(fit.params.r).toBeGreaterThan(0.6);
    expect(fit.params.r).toBeLessThan(1.0);
    expect(fit.params.alpha / truth.alpha).toBeGreaterThan(0.75);
    expect(fit.params.alpha / truth.alpha).toBeLessThan(1.3);
    expect(fit.params.a / (fit.params.a + fit.params.b)).toBeCloseTo(truth.a / (truth.a + truth.b), 1);
    expect(fit.logLikelihood).toBeGreaterThan(bgnbdLogLikelihood(truth, data) - 1e-6);
    expect(fitBgNbd(data)).toEqual(fit);
  });

  it('predicts the purchases of the next 90 days within a few percent in total', () => {
    const fit = fitBgNbd(data);
    const predicted = data.reduce((s, c) => s + expectedPurchases(fit.params, c, 90), 0);
    const actual = future.reduce((s, n) => s + n, 0);
    expect(predicted / actual).toBeGreaterThan(0.9);
    expect(predicted / actual).toBeLessThan(1.1);
  });

  it('P(alive) is 1 without repeat purchases and falls with a long silence', () => {
    const p = truth;
    expect(probabilityAlive(p, { customerId: 'a', frequency: 0, recency: 0, age: 200, meanRepeatSpend: 0 })).toBe(1);
    const recent = probabilityAlive(p, { customerId: 'b', frequency: 5, recency: 190, age: 200, meanRepeatSpend: 0 });
    const silent = probabilityAlive(p, { customerId: 'c', frequency: 5, recency: 20, age: 200, meanRepeatSpend: 0 });
    expect(recent).toBeGreaterThan(silent);
    const quiet = probabilityNoPurchase(p, { customerId: 'c', frequency: 5, recency: 20, age: 200, meanRepeatSpend: 0 }, 90);
    expect(quiet).toBeGreaterThan(1 - silent);
    expect(quiet).toBeLessThan(1);
  });

  it('summarises histories by purchase day: repeat days, age at the last repeat, age', () => {
    const at = (iso: string) => new Date(`${iso}Z`);
    const histories = buildHistories([
      { customerId: '1', invoiceNo: 'A', invoicedAt: at('2011-01-01T09:00:00'), amount: 10 },
      { customerId: '1', invoiceNo: 'B', invoicedAt: at('2011-01-01T15:00:00'), amount: 5 }, // same day: one purchase
      { customerId: '1', invoiceNo: 'C', invoicedAt: at('2011-01-11T10:00:00'), amount: 30 },
      { customerId: '1', invoiceNo: 'D', invoicedAt: at('2011-01-21T10:00:00'), amount: 50 },
      { customerId: '1', invoiceNo: 'E', invoicedAt: at('2011-02-05T10:00:00'), amount: 99 }, // after the cutoff
      { customerId: '2', invoiceNo: 'F', invoicedAt: at('2011-01-30T10:00:00'), amount: 20 },
    ]);
    const cutoff = new Date(Date.UTC(2011, 1, 1));
    expect(cutoff.getTime() % DAY_MS).toBe(0);
    expect(lifetimeSummaries(histories, cutoff)).toEqual([
      { customerId: '1', frequency: 2, recency: 20, age: 31, meanRepeatSpend: 40 },
      { customerId: '2', frequency: 0, recency: 0, age: 2, meanRepeatSpend: 0 },
    ]);
  });
});

describe('Gamma-Gamma', () => {
  it('recovers the spend parameters and shrinks a customer towards the population mean', () => {
    const random = mulberry32(11);
    const truth = { p: 6, q: 4, gamma: 15 };
    const data: LifetimeSummary[] = [];
    for (let i = 0; i < 3000; i++) {
      const nu = gamma(random, truth.q) / truth.gamma; // per-customer rate of the spend distribution
      const x = 1 + Math.floor(random() * 8);
      let total = 0;
      for (let j = 0; j < x; j++) total += gamma(random, truth.p) / nu;
      data.push({ customerId: String(i), frequency: x, recency: 1, age: 2, meanRepeatSpend: total / x });
    }
    const fit = fitGammaGamma(data);
    const populationMean = (truth.p * truth.gamma) / (truth.q - 1);
    expect((fit.params.p * fit.params.gamma) / (fit.params.q - 1) / populationMean).toBeGreaterThan(0.9);
    expect((fit.params.p * fit.params.gamma) / (fit.params.q - 1) / populationMean).toBeLessThan(1.1);
    const big = { customerId: 'x', frequency: 1, recency: 1, age: 2, meanRepeatSpend: 10 * populationMean };
    const value = expectedPurchaseValue(fit.params, big, 0);
    expect(value).toBeGreaterThan(populationMean);
    expect(value).toBeLessThan(big.meanRepeatSpend);
    expect(expectedPurchaseValue(fit.params, { ...big, frequency: 0 }, 0)).toBeCloseTo((fit.params.p * fit.params.gamma) / (fit.params.q - 1), 9);
  });
});
