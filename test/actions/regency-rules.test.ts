import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { loadLines, loadParams } from '../../activities/actions/inputs.js';
import { ActionOptionsSchema } from '../../activities/actions/options.js';
import { FULL_DATA_SET } from '../../runtime/project.js';
import { withDatabase } from '../../warehouse/db.js';
import { sql } from '../../warehouse/sql.js';

const LINES = readFileSync(fileURLToPath(new URL('./full-data-lines.sql', import.meta.url)), 'utf8');
const SOURCES = { churn: 'churn_prediction', value: 'customer_lifetime_value.clv_90d', rfmSegment: true, persona: true } as const;
/** GREEN, PINK and ROSES REGENCY TEACUP AND SAUCER: the best-known rule family of this data set. */
const TRIAD = ['22697', '22698', '22699'];

/*
 * The project's rule SQL on the full data reproduces what market-basket studies of it find: the three
 * REGENCY teacup-and-saucer colours are bought together, each pair in about 2% of invoices with a
 * confidence of 0.5-0.9 and a lift around 20 (the studies' three-item rules reach 0.7-0.9 and 18-24;
 * the project's rules have one antecedent). The file is read once into an
 * in-memory DuckDB and only the basket and rule SQL run (no warehouse build), so the test takes seconds.
 */
describe.skipIf(!existsSync(FULL_DATA_SET))('association rules on the full Online Retail data', () => {
  it('find the REGENCY teacup-and-saucer colour triad with its published confidence and lift', async () => {
    const rules = await withDatabase(':memory:', async (db) => {
      // one statement at a time: parameters bind to a single prepared statement
      for (const statement of LINES.split(/;\s*\n/).filter((s) => s.trim())) {
        await db.run(statement, statement.includes('$file') ? { file: FULL_DATA_SET } : undefined);
      }
      await loadParams(db, ActionOptionsSchema.parse({}), SOURCES);
      await loadLines(db);
      await db.run(sql('actions/helpers/action_basket.sql'));
      await db.run(sql('actions/helpers/association_rules.sql'));
      return db.all<{ antecedent: string; consequent: string; support: number; confidence: number; lift: number }>(
        `select antecedent, consequent, support, confidence, lift from action_rule
         where scope = 'all' and antecedent in ('22697', '22698', '22699') and consequent in ('22697', '22698', '22699')
         order by antecedent, consequent`,
      );
    });
    // every ordered pair of the three colours is a rule
    expect(rules.map((r) => `${r.antecedent}->${r.consequent}`)).toEqual(
      TRIAD.flatMap((a) => TRIAD.filter((c) => c !== a).map((c) => `${a}->${c}`)),
    );
    // measured: support 1.9-2.4%, confidence 0.53-0.82, lift 20.9-25.7 (pairs; invoices of at most 50 products)
    for (const r of rules) {
      const name = `${r.antecedent}->${r.consequent}`;
      expect(r.support, name).toBeGreaterThan(0.015);
      expect(r.support, name).toBeLessThan(0.03);
      expect(r.confidence, name).toBeGreaterThan(0.5);
      expect(r.confidence, name).toBeLessThan(0.9);
      expect(r.lift, name).toBeGreaterThan(18);
      expect(r.lift, name).toBeLessThan(27);
    }
    // the strongest direction, PINK -> GREEN, has the confidence studies of this data report (0.7-0.9)
    const best = rules.reduce((a, b) => (b.confidence > a.confidence ? b : a));
    expect(`${best.antecedent}->${best.consequent}`).toBe('22698->22697');
    expect(best.confidence).toBeGreaterThan(0.7);
  });
});
