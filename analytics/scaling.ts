/**
 * Feature scaling: log1p for skewed non-negative amounts and counts, and a standard scaler whose
 * means and standard deviations are fitted on training rows only and then applied to any rows.
 */

/** Means and (population) standard deviations per column, as fitted on training rows. */
export interface ScalerParams {
  means: number[];
  stds: number[];
}

/**
 * log(1 + x) of every value. Negative values are clamped to 0 first: the inputs are counts, days and
 * net spend, where a negative value is a data artefact and log1p would be undefined below -1.
 */
export function log1pRows(rows: readonly (readonly number[])[]): number[][] {
  return rows.map((row) => row.map((v) => Math.log1p(Math.max(0, v))));
}

/** Fits column means and population standard deviations on `rows` (the training rows only). */
export function fitStandardScaler(rows: readonly (readonly number[])[]): ScalerParams {
  const dims = rows[0]?.length ?? 0;
  const n = rows.length;
  const means = new Array<number>(dims).fill(0);
  const stds = new Array<number>(dims).fill(0);
  if (n === 0) return { means, stds };
  for (const row of rows) for (let d = 0; d < dims; d++) means[d]! += (row[d] as number) / n;
  for (const row of rows) for (let d = 0; d < dims; d++) stds[d]! += ((row[d] as number) - (means[d] as number)) ** 2 / n;
  return { means, stds: stds.map(Math.sqrt) };
}

/**
 * (x - mean) / std per column. A column with zero standard deviation carries no information in the
 * training rows, so it maps to 0 (centred, not divided), as scikit-learn's StandardScaler does.
 */
export function standardize(rows: readonly (readonly number[])[], params: ScalerParams): number[][] {
  return rows.map((row) =>
    row.map((v, d) => {
      const std = params.stds[d] as number;
      const centred = v - (params.means[d] as number);
      return std > 0 ? centred / std : 0;
    }),
  );
}

/**
 * sign(x) * log(1 + |x|) of every value: compresses long tails like log1p but keeps the sign, for
 * features that can be negative (e.g. a spend trend).
 */
export function signedLog1pRows(rows: readonly (readonly number[])[]): number[][] {
  return rows.map((row) => row.map((v) => Math.sign(v) * Math.log1p(Math.abs(v))));
}
