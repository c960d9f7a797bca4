import { compareIds } from './ids.js';
import type { RfmInput } from './rfm.js';
import { fitStandardScaler, log1pRows, standardize, type ScalerParams } from './scaling.js';

export interface RfmFeatureMatrix {
  /** Customers sorted by id; row i of the matrices belongs to customers[i]. */
  customers: RfmInput[];
  /** log1p of [recency, frequency, monetary], then standardized. */
  standardized: number[][];
  scaler: ScalerParams;
}

/**
 * The clustering input: customers sorted by id, log1p of R, F and M (all right-skewed), standardized
 * over all customers (clustering has no holdout, so fitting on everyone is not a leak).
 */
export function rfmFeatureMatrix(customers: readonly RfmInput[]): RfmFeatureMatrix {
  const sorted = customers.slice().sort((a, b) => compareIds(a.customerId, b.customerId));
  const logged = log1pRows(sorted.map((c) => [c.recencyDays, c.frequency, c.monetary]));
  const scaler = fitStandardScaler(logged);
  return { customers: sorted, standardized: standardize(logged, scaler), scaler };
}
