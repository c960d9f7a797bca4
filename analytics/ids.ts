/**
 * Orders customer ids deterministically: numerically when both look like integers (customer numbers
 * arrive as strings from DuckDB's BIGINT), otherwise by code unit.
 */
export function compareIds(a: string, b: string): number {
  const numeric = /^-?\d+$/;
  if (numeric.test(a) && numeric.test(b)) {
    const diff = BigInt(a) - BigInt(b);
    return diff < 0n ? -1 : diff > 0n ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
