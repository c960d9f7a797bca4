import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { PROJECT_ROOT } from '../../runtime/project.js';
import { PUBLISHED_TABLES, TABLES } from '../../warehouse/tables.js';
import { tableReference } from '../../warehouse/table-reference.js';

describe('the table reference', () => {
  it('is what the specification generates (run npm run generate-docs after changing a table)', () => {
    expect(readFileSync(join(PROJECT_ROOT, 'docs', 'TABLES.md'), 'utf8')).toBe(tableReference());
  });

  it('names every table and every column', () => {
    const text = tableReference();
    for (const table of TABLES) {
      expect(text).toContain(`### ${table.name}\n`);
      for (const column of table.columns) expect(text).toContain(`| ${column.name} | ${column.type} |`);
    }
    expect(PUBLISHED_TABLES.length).toBeGreaterThan(20);
  });
});

describe('the table specification', () => {
  it('has unique table names, unique column names, and keys and references that exist', () => {
    const names = TABLES.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const table of TABLES) {
      const columns = table.columns.map((c) => c.name);
      expect(new Set(columns).size, table.name).toBe(columns.length);
      for (const key of table.primaryKey) expect(columns, `${table.name} key`).toContain(key);
      for (const fk of table.foreignKeys ?? []) {
        const target = TABLES.find((t) => t.name === fk.references.table);
        expect(target, `${table.name} -> ${fk.references.table}`).toBeDefined();
        for (const c of fk.columns) expect(columns, `${table.name} fk`).toContain(c);
        for (const c of fk.references.columns) expect(target?.columns.map((x) => x.name), `${fk.references.table}`).toContain(c);
      }
    }
  });
});
