/**
 * Customer features as of a cutoff date, computed only from purchases before the cutoff, and the
 * labels that look at the window after it. Keeping the two sides of the cutoff apart is what makes
 * the churn and value models honest (out of time): no feature can see the label window.
 */
import { compareIds } from './ids.js';

/** One net purchase line (or a whole invoice) of a known customer; cancellations are excluded upstream. */
export interface Transaction {
  customerId: string;
  invoiceNo: string;
  invoicedAt: Date;
  amount: number;
  /** Stock code; when given, the distinct-products feature is filled. */
  productId?: string;
}

/** One order (invoice): its time (epoch ms) and net amount. */
export interface Order {
  at: number;
  amount: number;
}

/** A customer's orders in time order, and product first-purchase times for distinct-product counts. */
export interface CustomerHistory {
  customerId: string;
  orders: Order[];
  /** When each distinct product was first bought (epoch ms), ascending. */
  productFirstSeen: ArrayLike<number>;
}

export const DAY_MS = 86_400_000;

/** Column order of every feature table. */
export const FEATURE_NAMES = [
  'recency_days',
  'frequency',
  'monetary',
  'tenure_days',
  'avg_order_value',
  'orders_last_30d',
  'orders_last_90d',
  'orders_last_180d',
  'spend_last_90d',
  'spend_prev_90d',
  'spend_trend_90d',
  'mean_interpurchase_days',
  'recency_to_interval',
  'last_gap_days',
  'orders_per_month',
  'active_months',
  'distinct_products',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Features of every customer with at least one order before `asOf`, rows aligned with customerIds. */
export interface FeatureTable {
  asOf: Date;
  customerIds: string[];
  names: readonly FeatureName[];
  rows: number[][];
}

/**
 * Groups transaction lines into orders per customer (an order's time is its earliest line, its amount
 * the sum of its lines), sorted by customer id and time. Do this once, then take features at any cutoff.
 */
export function buildHistories(transactions: readonly Transaction[]): CustomerHistory[] {
  const byCustomer = new Map<string, { orders: Map<string, Order>; products: Map<string, number> }>();
  for (const t of transactions) {
    let c = byCustomer.get(t.customerId);
    if (!c) byCustomer.set(t.customerId, (c = { orders: new Map(), products: new Map() }));
    const at = t.invoicedAt.getTime();
    const order = c.orders.get(t.invoiceNo);
    if (order) {
      order.at = Math.min(order.at, at);
      order.amount += t.amount;
    } else c.orders.set(t.invoiceNo, { at, amount: t.amount });
    if (t.productId !== undefined) c.products.set(t.productId, Math.min(c.products.get(t.productId) ?? at, at));
  }
  return [...byCustomer.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([customerId, c]) => ({
      customerId,
      orders: [...c.orders.values()].sort((a, b) => a.at - b.at),
      productFirstSeen: [...c.products.values()].sort((a, b) => a - b),
    }));
}

/** Number of leading entries of an ascending array that are < limit. */
function countBefore(sorted: ArrayLike<number>, limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function monthKey(ms: number): number {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/**
 * The feature row of one customer from the orders strictly before `asOf` (null if there are none).
 * A one-order customer has no inter-purchase interval; it is set to the tenure (the gap observed so
 * far without a second order, a lower bound), which makes recency_to_interval = 1 for them.
 */
export function customerFeatures(history: CustomerHistory, asOf: Date): number[] | null {
  const cutoff = asOf.getTime();
  const orders = history.orders.slice(0, countBefore(history.orders.map((o) => o.at), cutoff));
  const first = orders[0];
  const last = orders[orders.length - 1];
  if (!first || !last) return null;
  const days = (ms: number) => ms / DAY_MS;
  const frequency = orders.length;
  const monetary = orders.reduce((s, o) => s + o.amount, 0);
  const recency = days(cutoff - last.at);
  const tenure = days(cutoff - first.at);
  const since = (d: number) => orders.filter((o) => o.at >= cutoff - d * DAY_MS);
  const spendBetween = (fromDays: number, toDays: number) =>
    orders.filter((o) => o.at >= cutoff - fromDays * DAY_MS && o.at < cutoff - toDays * DAY_MS).reduce((s, o) => s + o.amount, 0);
  const spendLast90 = spendBetween(90, 0);
  const spendPrev90 = spendBetween(180, 90);
  const trendBase = Math.abs(spendLast90) + Math.abs(spendPrev90);
  const meanInterval = frequency >= 2 ? days(last.at - first.at) / (frequency - 1) : tenure;
  const previous = orders[orders.length - 2];
  const lastGap = previous ? days(last.at - previous.at) : tenure;
  return [
    recency,
    frequency,
    monetary,
    tenure,
    monetary / frequency,
    since(30).length,
    since(90).length,
    since(180).length,
    spendLast90,
    spendPrev90,
    trendBase === 0 ? 0 : (spendLast90 - spendPrev90) / trendBase,
    meanInterval,
    recency / Math.max(meanInterval, 1),
    lastGap,
    frequency / Math.max(tenure / 30, 1),
    new Set(orders.map((o) => monthKey(o.at))).size,
    countBefore(history.productFirstSeen, cutoff),
  ];
}

/** Features of every customer with an order before `asOf`, in customer-id order. */
export function featuresAsOf(histories: readonly CustomerHistory[], asOf: Date): FeatureTable {
  const customerIds: string[] = [];
  const rows: number[][] = [];
  for (const h of histories) {
    const row = customerFeatures(h, asOf);
    if (row) {
      customerIds.push(h.customerId);
      rows.push(row);
    }
  }
  return { asOf, customerIds, names: FEATURE_NAMES, rows };
}

/**
 * A label for each customer of a feature table, from what happens in [cutoff, cutoff + windowDays).
 * 1 = the positive class the model predicts.
 */
export type LabelFunction = (histories: ReadonlyMap<string, CustomerHistory>, customerIds: readonly string[], cutoff: Date, windowDays: number) => number[];

function windowOrders(history: CustomerHistory | undefined, cutoff: Date, windowDays: number): Order[] {
  const start = cutoff.getTime();
  const end = start + windowDays * DAY_MS;
  return (history?.orders ?? []).filter((o) => o.at >= start && o.at < end);
}

/** Churn: 1 when the customer places no order in the window after the cutoff. */
export const churnLabel: LabelFunction = (histories, customerIds, cutoff, windowDays) =>
  customerIds.map((id) => (windowOrders(histories.get(id), cutoff, windowDays).length === 0 ? 1 : 0));

/**
 * High value: 1 for the top `topShare` of customers by net spend in the window (among the customers
 * of the table, i.e. those active before the cutoff). The bar is the spend of the customer at rank
 * max(1, floor(topShare x n)); everyone spending at least that much (and more than 0) is positive, so ties at
 * the bar are all included.
 */
export function highValueLabel(topShare = 0.2): LabelFunction {
  return (histories, customerIds, cutoff, windowDays) => {
    const spend = customerIds.map((id) => windowOrders(histories.get(id), cutoff, windowDays).reduce((s, o) => s + o.amount, 0));
    const sorted = spend.slice().sort((a, b) => b - a);
    const rank = Math.max(1, Math.floor(topShare * spend.length));
    const bar = sorted[rank - 1] ?? Number.POSITIVE_INFINITY;
    return spend.map((s) => (s > 0 && s >= bar ? 1 : 0));
  };
}
