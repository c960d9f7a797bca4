import { describe, expect, it } from 'vitest';

import { describeFailures, generatedTests, runDataTests } from '../../warehouse/data-tests.js';
import { withDatabase } from '../../warehouse/db.js';
import { defineTable } from '../../warehouse/spec/types.js';

const parent = defineTable({
  name: 'parent',
  description: 'A dimension.',
  grain: 'One id.',
  layer: 'mart',
  publish: false,
  primaryKey: ['id'],
  columns: [{ name: 'id', type: 'INTEGER', description: 'Key.' }],
});

const child = defineTable({
  name: 'child',
  description: 'A fact.',
  grain: 'One row.',
  layer: 'mart',
  publish: false,
  primaryKey: ['row_id'],
  foreignKeys: [{ columns: ['parent_id'], references: { table: 'parent', columns: ['id'] }, allowNull: true }],
  columns: [
    { name: 'row_id', type: 'INTEGER', description: 'Key.' },
    { name: 'parent_id', type: 'INTEGER', description: 'Parent; null allowed.', nullable: true },
    { name: 'label', type: 'VARCHAR', description: 'A label.', accepted: ['a', 'b'] },
    { name: 'amount', type: 'INTEGER', description: 'Never null.' },
  ],
  tests: [{ name: 'child_amount_positive', description: 'Amounts are positive.', sql: 'select * from child where amount <= 0' }],
});

describe('data tests generated from the specification', () => {
  it('passes clean tables and counts every test', async () => {
    await withDatabase(':memory:', async (db) => {
      await db.run(`create table parent as select * from (values (1), (2)) v(id);
                    create table child as select * from (values (1, 1, 'a', 5), (2, null, 'b', 3)) v(row_id, parent_id, label, amount)`);
      const { run, failures } = await runDataTests(db, [parent, child]);
      expect(run).toBe(generatedTests(parent).length + generatedTests(child).length);
      expect(run).toBe(2 + 7);
      expect(failures).toEqual([]);
    });
  });

  it('names each broken rule with the number and a sample of offending rows', async () => {
    await withDatabase(':memory:', async (db) => {
      await db.run(`create table parent as select * from (values (1), (2)) v(id);
                    create table child as select * from (values (1, 1, 'a', 5), (1, 3, 'c', null), (3, null, 'c', -1)) v(row_id, parent_id, label, amount)`);
      const { failures } = await runDataTests(db, [parent, child]);
      expect(failures.map((f) => [f.name, f.failingRows])).toEqual([
        ['child.primary_key_unique', 1],
        ['child.label.accepted_values', 2], // rows, not distinct values: the sample groups them
        ['child.amount.not_null', 1],
        ['child.parent_id.references_parent', 1],
        ['child_amount_positive', 1],
      ]);
      expect(failures[1]?.sample).toEqual([{ label: 'c', rows: '2' }]);
      expect(failures[3]?.sample).toEqual([{ row_id: 1, parent_id: 3, label: 'c', amount: null }]);
      expect(describeFailures(failures)).toContain('data test child_amount_positive failed (Amounts are positive.): 1 offending row(s), e.g. [{"row_id":3');
    });
  });
});
