/**
 * BG/NBD (Fader, Hardie and Lee, 2005) for how many purchases a customer will make and whether they
 * are still "alive", and the Gamma-Gamma model (Fader and Hardie, 2013) for how much a purchase is
 * worth; both fitted by maximum likelihood with Nelder-Mead on log parameters.
 *
 * Time is in days and a purchase is a distinct purchase day, so several invoices on one day count
 * once (the models assume at most one transaction per period).
 */
import { DAY_MS, type CustomerHistory } from './churn-features.js';
import { nelderMead } from './nelder-mead.js';
import { fitSample } from './random.js';
import { hyp2f1, logGamma } from './special-functions.js';

/** The lifetime summary of one customer at a cutoff. */
export interface LifetimeSummary {
  customerId: string;
  /** Repeat purchases: distinct purchase days before the cutoff, minus the first. */
  frequency: number;
  /** Age at the last repeat purchase: days from the first to the last purchase day (0 when frequency = 0). */
  recency: number;
  /** Age: days from the first purchase day to the cutoff. */
  age: number;
  /** Mean spend of the repeat purchase days (0 when frequency = 0). */
  meanRepeatSpend: number;
}

/** Daily purchases (day number since the epoch -> spend) before `cutoff`, ascending. */
function purchaseDays(history: CustomerHistory, cutoffMs: number): { day: number; spend: number }[] {
  const days = new Map<number, number>();
  for (const o of history.orders) {
    if (o.at >= cutoffMs) break;
    const day = Math.floor(o.at / DAY_MS);
    days.set(day, (days.get(day) ?? 0) + o.amount);
  }
  return [...days.entries()].map(([day, spend]) => ({ day, spend })).sort((a, b) => a.day - b.day);
}

/**
 * Frequency, recency, age and mean repeat spend of every customer with a purchase before `cutoff`
 * (a midnight), in the order of `histories`.
 */
export function lifetimeSummaries(histories: readonly CustomerHistory[], cutoff: Date): LifetimeSummary[] {
  const cutoffMs = cutoff.getTime();
  const cutoffDay = cutoffMs / DAY_MS;
  const out: LifetimeSummary[] = [];
  for (const h of histories) {
    const days = purchaseDays(h, cutoffMs);
    const first = days[0];
    const last = days[days.length - 1];
    if (!first || !last) continue;
    const repeat = days.slice(1);
    out.push({
      customerId: h.customerId,
      frequency: repeat.length,
      recency: last.day - first.day,
      age: cutoffDay - first.day,
      meanRepeatSpend: repeat.length ? repeat.reduce((s, d) => s + d.spend, 0) / repeat.length : 0,
    });
  }
  return out;
}

/** Distinct purchase days of each customer in [from, from + days), keyed by customer id. */
export function purchasesInWindow(histories: readonly CustomerHistory[], from: Date, days: number): Map<string, number> {
  const start = from.getTime();
  const end = start + days * DAY_MS;
  return new Map(
    histories.map((h) => [h.customerId, new Set(h.orders.filter((o) => o.at >= start && o.at < end).map((o) => Math.floor(o.at / DAY_MS))).size]),
  );
}

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface FitResult<P> {
  params: P;
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

/** The customers packed into typed arrays: the likelihood runs over them hundreds of times per fit. */
interface Packed {
  x: Int32Array;
  recency: Float64Array;
  age: Float64Array;
  maxX: number;
}

function pack(data: readonly LifetimeSummary[]): Packed {
  const x = Int32Array.from(data, (c) => c.frequency);
  return {
    x,
    recency: Float64Array.from(data, (c) => c.recency),
    age: Float64Array.from(data, (c) => c.age),
    maxX: x.reduce((m, v) => Math.max(m, v), 0),
  };
}

function packedLogLikelihood(p: BgNbdParams, d: Packed): number {
  const { r, alpha, a, b } = p;
  // Terms that depend only on x, once per distinct x.
  const base = r * Math.log(alpha) - logGamma(r) + logGamma(a + b) - logGamma(b);
  const gammaTerms = new Float64Array(d.maxX + 1);
  const repeatTerms = new Float64Array(d.maxX + 1);
  for (let x = 0; x <= d.maxX; x++) {
    gammaTerms[x] = base + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
    repeatTerms[x] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY;
  }
  let total = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i] as number;
    const stillAlive = -(r + x) * Math.log(alpha + (d.age[i] as number));
    if (x === 0) {
      total += (gammaTerms[0] as number) + stillAlive;
    } else {
      // log(exp(A) + exp(B)) with B = the "dropped out after the last purchase" branch.
      const droppedOut = (repeatTerms[x] as number) - (r + x) * Math.log(alpha + (d.recency[i] as number));
      const hi = Math.max(stillAlive, droppedOut);
      total += (gammaTerms[x] as number) + hi + Math.log(Math.exp(stillAlive - hi) + Math.exp(droppedOut - hi));
    }
  }
  return total;
}

/** Sum of the BG/NBD log-likelihood over customers. */
export function bgnbdLogLikelihood(p: BgNbdParams, data: readonly LifetimeSummary[]): number {
  return packedLogLikelihood(p, pack(data));
}

function fitLogParams(negLogLikelihood: (x: number[]) => number, start: number[]) {
  // Two passes: a restart from the first optimum escapes a collapsed simplex.
  const first = nelderMead(negLogLikelihood, start, { maxIterations: 1500 });
  const second = nelderMead(negLogLikelihood, first.x, { maxIterations: 1500, step: 0.1 });
  return { x: second.x, value: second.value, iterations: first.iterations + second.iterations, converged: second.converged };
}

const inRange = (logs: number[]) => logs.every((v) => v > -12 && v < 12);

/**
 * Maximum-likelihood BG/NBD parameters for the customers' (frequency, recency, age). `start` (e.g.
 * the fit at a nearby cutoff) shortens the search; the default start is r = a = b = 1 and alpha =
 * the mean inter-purchase time.
 */
export function fitBgNbd(all: readonly LifetimeSummary[], start?: BgNbdParams): FitResult<BgNbdParams> {
  if (all.length === 0) throw new RangeError('fitBgNbd: no customers');
  const data = fitSample(all);
  const meanAge = data.reduce((s, c) => s + c.age, 0) / data.length;
  const meanFrequency = data.reduce((s, c) => s + c.frequency, 0) / data.length;
  const toParams = (v: number[]): BgNbdParams => ({ r: Math.exp(v[0]!), alpha: Math.exp(v[1]!), a: Math.exp(v[2]!), b: Math.exp(v[3]!) });
  const packed = pack(data);
  const objective = (v: number[]) => (inRange(v) ? -packedLogLikelihood(toParams(v), packed) : Number.POSITIVE_INFINITY);
  const from = start
    ? [Math.log(start.r), Math.log(start.alpha), Math.log(start.a), Math.log(start.b)]
    : [0, Math.log(Math.max(1, meanAge / (meanFrequency + 1))), 0, 0];
  const fit = fitLogParams(objective, from);
  return { params: toParams(fit.x), logLikelihood: -fit.value, iterations: fit.iterations, converged: fit.converged };
}

/** P(the customer is still active at the cutoff | frequency, recency, age). */
export function probabilityAlive(p: BgNbdParams, c: LifetimeSummary): number {
  if (c.frequency === 0) return 1;
  const x = c.frequency;
  const ratio = (p.a / (p.b + x - 1)) * Math.exp((p.r + x) * (Math.log(p.alpha + c.age) - Math.log(p.alpha + c.recency)));
  return 1 / (1 + ratio);
}

/**
 * P(no purchase in the `days` after the cutoff | history): the customer has dropped out, or is alive
 * and makes no purchase, whose chance under the posterior purchase rate Gamma(r + x, alpha + age) is
 * ((alpha + age) / (alpha + age + days))^(r + x). A churn score that, unlike 1 - P(alive), also
 * ranks the customers without repeat purchases (for whom the model sets P(alive) = 1).
 */
export function probabilityNoPurchase(p: BgNbdParams, c: LifetimeSummary, days: number): number {
  const alive = probabilityAlive(p, c);
  const quiet = Math.exp((p.r + c.frequency) * Math.log((p.alpha + c.age) / (p.alpha + c.age + days)));
  return 1 - alive + alive * quiet;
}

/** Expected purchases (purchase days) in the `days` after the cutoff, given the customer's history. */
export function expectedPurchases(p: BgNbdParams, c: LifetimeSummary, days: number): number {
  const { r, alpha, a, b } = p;
  const x = c.frequency;
  const T = c.age;
  const z = days / (alpha + T + days);
  const hyper = hyp2f1(r + x, b + x, a + b + x - 1, z);
  const numerator = ((a + b + x - 1) / (a - 1)) * (1 - Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + days))) * hyper);
  const denominator = x > 0 ? 1 + (a / (b + x - 1)) * Math.exp((r + x) * Math.log((alpha + T) / (alpha + c.recency))) : 1;
  const value = numerator / denominator;
  return Number.isFinite(value) ? Math.max(0, value) : 0;
}

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** Customers the Gamma-Gamma model is fitted on: at least one repeat purchase with positive spend. */
function spendData(data: readonly LifetimeSummary[]): LifetimeSummary[] {
  return data.filter((c) => c.frequency > 0 && c.meanRepeatSpend > 0);
}

/** Sum of the Gamma-Gamma log-likelihood of the mean repeat spends. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: readonly LifetimeSummary[]): number {
  const { p, q, gamma } = params;
  const byX = new Map<number, number>();
  const base = q * Math.log(gamma) - logGamma(q);
  let total = 0;
  for (const c of data) {
    const x = c.frequency;
    let terms = byX.get(x);
    if (terms === undefined) {
      terms = base + logGamma(p * x + q) - logGamma(p * x) + p * x * Math.log(x);
      byX.set(x, terms);
    }
    const m = c.meanRepeatSpend;
    total += terms + (p * x - 1) * Math.log(m) - (p * x + q) * Math.log(gamma + m * x);
  }
  return total;
}

/** Maximum-likelihood Gamma-Gamma parameters from customers with repeat purchases. */
export function fitGammaGamma(data: readonly LifetimeSummary[]): FitResult<GammaGammaParams> {
  const fitData = fitSample(spendData(data));
  if (fitData.length === 0) throw new RangeError('fitGammaGamma: no customer with a repeat purchase');
  const toParams = (v: number[]): GammaGammaParams => ({ p: Math.exp(v[0]!), q: Math.exp(v[1]!), gamma: Math.exp(v[2]!) });
  const objective = (v: number[]) => (inRange(v) ? -gammaGammaLogLikelihood(toParams(v), fitData) : Number.POSITIVE_INFINITY);
  const meanSpend = fitData.reduce((s, c) => s + c.meanRepeatSpend, 0) / fitData.length;
  const fit = fitLogParams(objective, [0, Math.log(2), Math.log(meanSpend)]);
  return { params: toParams(fit.x), logLikelihood: -fit.value, iterations: fit.iterations, converged: fit.converged };
}

/**
 * Expected value of a future purchase: the posterior mean spend, a weighted average of the
 * population mean and the customer's own mean repeat spend (weight grows with frequency). Customers
 * without repeat purchases get the population mean (or `fallback` when the fitted q <= 1 leaves the
 * population mean undefined).
 */
export function expectedPurchaseValue(params: GammaGammaParams, c: LifetimeSummary, fallback: number): number {
  const { p, q, gamma } = params;
  const populationMean = q > 1 ? (p * gamma) / (q - 1) : fallback;
  if (c.frequency === 0 || c.meanRepeatSpend <= 0) return populationMean;
  const x = c.frequency;
  return (p * (gamma + c.meanRepeatSpend * x)) / (p * x + q - 1);
}
