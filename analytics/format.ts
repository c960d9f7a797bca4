/** A model figure with three decimals, as the run notes print them; 'n/a' where there is none (a metric of an empty set). */
export function f3(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : 'n/a';
}
