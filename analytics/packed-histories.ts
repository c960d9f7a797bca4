/**
 * Customer histories as a few flat typed arrays instead of one object per order. The model step
 * reads them once and hands them to two worker threads: on shared memory neither thread gets a
 * copy, and a hundred times the data (two million orders, twenty-seven million first purchases)
 * takes a few hundred megabytes instead of several gigabytes of small objects.
 */
import type { CustomerHistory, Order } from './churn-features.js';

export interface PackedHistories {
  /** In the order the histories are in (customer id order). */
  customerIds: string[];
  /** Customer i's orders are [orderStart[i], orderStart[i + 1]) of orderAt and orderAmount. */
  orderStart: Int32Array;
  orderAt: Float64Array;
  orderAmount: Float64Array;
  /** Customer i's product first-purchase times are [productStart[i], productStart[i + 1]) of productFirstSeen. */
  productStart: Int32Array;
  productFirstSeen: Float64Array;
}

/**
 * Histories as they stood at the training and test cutoffs (purchases before the cutoff, net only of
 * the cancellations dated before it): the features at a cutoff are computed from these.
 */
export interface PackedAtCutoffs {
  validation: PackedHistories;
  train: PackedHistories;
  test: PackedHistories;
}

/** A Float64Array on shared memory, so that posting it to a worker thread does not copy it. */
export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}

/** An Int32Array on shared memory (see sharedFloat64). */
export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * Int32Array.BYTES_PER_ELEMENT));
}

/**
 * The histories the analytics take. Orders become objects (each thread builds its own); product
 * first-purchase times stay views into the shared array, as they are only ever counted.
 */
export function unpackHistories(packed: PackedHistories): CustomerHistory[] {
  const { customerIds, orderStart, orderAt, orderAmount, productStart, productFirstSeen } = packed;
  return customerIds.map((customerId, i) => {
    const orders: Order[] = [];
    for (let j = orderStart[i] as number; j < (orderStart[i + 1] as number); j++) orders.push({ at: orderAt[j] as number, amount: orderAmount[j] as number });
    return { customerId, orders, productFirstSeen: productFirstSeen.subarray(productStart[i], productStart[i + 1]) };
  });
}

/** The packed form of histories (tests, and callers that built histories in memory). */
export function packHistories(histories: readonly CustomerHistory[]): PackedHistories {
  const orderCount = histories.reduce((n, h) => n + h.orders.length, 0);
  const productCount = histories.reduce((n, h) => n + h.productFirstSeen.length, 0);
  const packed: PackedHistories = {
    customerIds: histories.map((h) => h.customerId),
    orderStart: sharedInt32(histories.length + 1),
    orderAt: sharedFloat64(orderCount),
    orderAmount: sharedFloat64(orderCount),
    productStart: sharedInt32(histories.length + 1),
    productFirstSeen: sharedFloat64(productCount),
  };
  let order = 0;
  let product = 0;
  histories.forEach((h, i) => {
    packed.orderStart[i] = order;
    packed.productStart[i] = product;
    for (const o of h.orders) {
      packed.orderAt[order] = o.at;
      packed.orderAmount[order++] = o.amount;
    }
    packed.productFirstSeen.set(Array.from(h.productFirstSeen), product);
    product += h.productFirstSeen.length;
  });
  packed.orderStart[histories.length] = order;
  packed.productStart[histories.length] = product;
  return packed;
}
