import type { TableSpec } from './spec/types.js';

/**
 * The SQL files that build `tables`, in an order where every file runs after the files that build the
 * tables it reads (`dependsOn`). Dependencies on tables outside `tables` are built by an earlier step
 * and do not constrain the order. Among files that are ready at the same time the one whose first
 * table comes first in `tables` runs first, so the order is stable and follows the listing where it can.
 * Tables without `sql` (written by TypeScript) are left out. Throws on a dependency cycle.
 */
export function buildOrder(tables: readonly TableSpec[]): string[] {
  const fileOf = new Map<string, string>();
  const files: string[] = [];
  for (const t of tables) {
    if (!t.sql) continue;
    fileOf.set(t.name, t.sql);
    if (!files.includes(t.sql)) files.push(t.sql);
  }
  const needs = new Map<string, Set<string>>(files.map((f) => [f, new Set<string>()]));
  for (const t of tables) {
    if (!t.sql) continue;
    for (const input of t.dependsOn ?? []) {
      const from = fileOf.get(input);
      if (from !== undefined && from !== t.sql) needs.get(t.sql)!.add(from);
    }
  }
  const order: string[] = [];
  while (order.length < files.length) {
    const next = files.find((f) => !order.includes(f) && [...needs.get(f)!].every((n) => order.includes(n)));
    if (next === undefined) {
      const stuck = files.filter((f) => !order.includes(f));
      throw new Error(`dependency cycle among ${stuck.join(', ')}`);
    }
    order.push(next);
  }
  return order;
}
