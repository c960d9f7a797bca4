import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { buildOrder } from '../../warehouse/build-order.js';
import { MART_TABLES } from '../../warehouse/marts/index.js';
import { sql } from '../../warehouse/sql.js';
import { VALIDATE_TABLES } from '../../warehouse/staging/index.js';
import { TABLES, type TableSpec } from '../../warehouse/tables.js';

const NAMES = new Set(TABLES.map((t) => t.name));

/** The warehouse tables a SQL text names (comments left out), other than those it creates. */
function tablesRead(text: string): string[] {
  const code = text.replace(/--[^\n]*/g, '');
  const created = new Set([...code.matchAll(/create (?:or replace )?(?:temp )?table (?:if not exists )?(\w+)/gi)].map((m) => m[1]!));
  const words = new Set(code.match(/\w+/g) ?? []);
  return [...NAMES].filter((n) => words.has(n) && !created.has(n)).sort();
}

/** Every file comes after the files that build the tables it reads. */
function expectValidOrder(tables: readonly TableSpec[], order: string[]): void {
  const fileOf = new Map(tables.filter((t) => t.sql).map((t) => [t.name, t.sql!]));
  expect(new Set(order)).toEqual(new Set(fileOf.values()));
  for (const t of tables) {
    for (const input of t.dependsOn ?? []) {
      const from = fileOf.get(input);
      if (from && from !== t.sql) expect(order.indexOf(from), `${t.sql} after ${from}`).toBeLessThan(order.indexOf(t.sql!));
    }
  }
}

describe('build order from the table contracts', () => {
  it('names SQL files that exist and declares, in dependsOn, exactly the warehouse tables its SQL reads', () => {
    for (const t of TABLES.filter((t) => t.dependsOn)) {
      expect(existsSync(fileURLToPath(new URL(`../../warehouse/${t.sql}`, import.meta.url))), t.sql).toBe(true);
      expect([...t.dependsOn!].sort(), `${t.name} (${t.sql})`).toEqual(tablesRead(sql(t.sql!)));
    }
  });

  it('orders the validate and transform SQL after their inputs, also when the tables are listed backwards', () => {
    for (const tables of [VALIDATE_TABLES, MART_TABLES]) {
      expectValidOrder(tables, buildOrder(tables));
      expectValidOrder(tables, buildOrder([...tables].reverse()));
    }
    // a file that builds two tables runs once
    expect(buildOrder(VALIDATE_TABLES).filter((f) => f === 'staging/stg_sales_lines.sql')).toHaveLength(1);
  });

  it('refuses a dependency cycle', () => {
    const spec = (name: string, dependsOn: string[]): TableSpec =>
      ({ name, sql: `${name}.sql`, dependsOn, description: '', grain: '', layer: 'mart', columns: [], primaryKey: [], publish: false }) as TableSpec;
    expect(() => buildOrder([spec('a', ['b']), spec('b', ['a'])])).toThrow(/dependency cycle among a.sql, b.sql/);
  });
});
