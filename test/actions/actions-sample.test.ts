import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildActionTables, type ActionTablesResult } from '../../activities/actions/index.js';
import { runStepsDirectly, stepInput as completeStepInput } from '../../activities/run-directly.js';
import { writeSampleCsv } from '../../scripts/sample/sample-lines.js';
import { describeFailures, runDataTests } from '../../warehouse/data-tests.js';
import { quoteIdent, withDatabase, type Database } from '../../warehouse/db.js';
import { refreshLayout } from '../../warehouse/layout.js';
import { ACTION_TABLES } from '../../warehouse/actions/index.js';
import { tempDir } from '../../runtime/temp-dir.js';

/** Row count and an order-independent checksum of every action table. */
async function checksums(db: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const spec of ACTION_TABLES) {
    const [row] = await db.all<{ n: string; h: string | null }>(`select count(*)::varchar as n, bit_xor(hash(t))::varchar as h from ${quoteIdent(spec.name)} as t`);
    out[spec.name] = `${row?.n}:${row?.h}`;
  }
  return out;
}

const withoutTimings = (notes: string[]) => notes.filter((n) => !n.startsWith('action timings'));

describe('action tables on the generated sample after extract, validate, transform and model', () => {
  const dir = tempDir('actions-');
  let database: string;
  let first: ActionTablesResult;
  let second: ActionTablesResult;
  let firstSums: Record<string, string>;
  let secondSums: Record<string, string>;

  beforeAll(async () => {
    const input = join(dir.path, 'sample.csv');
    writeSampleCsv(input, { lines: 4000 });
    const stepInput = completeStepInput({ refreshId: 'actions', warehouse: 'actions', inputPaths: [input], outputDir: join(dir.path, 'out') });
    await runStepsDirectly(stepInput, { to: 'model' });
    database = refreshLayout(stepInput.outputDir, stepInput.warehouse, stepInput.refreshId).workDatabase;
    await withDatabase(database, async (db) => {
      first = await buildActionTables(db);
      firstSums = await checksums(db);
      second = await buildActionTables(db);
      secondSums = await checksums(db);
    });
  });
  afterAll(() => dir.cleanup());

  it('builds every declared table, with rows', () => {
    expect(first.tables.map((t) => t.name)).toEqual(ACTION_TABLES.map((t) => t.name));
    for (const t of first.tables) expect(t.rows, t.name).toBeGreaterThan(0);
  });

  it('passes the data tests of the specification', async () => {
    const { run, failures } = await withDatabase(database, (db) => runDataTests(db, ACTION_TABLES));
    expect(describeFailures(failures)).toBe('');
    expect(run).toBeGreaterThan(50);
  });

  it('is deterministic: a rebuild gives identical tables and notes', () => {
    expect(secondSums).toEqual(firstSums);
    expect(withoutTimings(second.notes)).toEqual(withoutTimings(first.notes));
  });

  it('uses the model tables and states the checks in the notes', async () => {
    const notes = first.notes.join('\n');
    expect(notes).toMatch(/hit rate@5 [\d.]+% \(most popular [\d.]+%\)/);
    expect(notes).toContain('partial weeks dropped');
    expect(notes).not.toContain('absent');
    await withDatabase(database, async (db) => {
      const sources = await db.all('select distinct churn_source, value_source from campaign_list');
      expect(sources).toEqual([{ churn_source: 'churn_prediction', value_source: 'customer_lifetime_value.clv_90d' }]);
      // the churn probability is the model's, unchanged
      const differing = await db.number('select count(*) from campaign_list join churn_prediction using (customer_id) where campaign_list.churn_probability <> churn_prediction.probability');
      expect(differing).toBe(0);
      // the last partial week (data ends on a Friday) is forecast, not used
      const weeks = await db.all<{ last: string; first: string }>(
        `select (select max(week_start) from demand_weekly)::varchar as last, (select min(week_start) from demand_forecast)::varchar as first`,
      );
      expect(weeks).toEqual([{ last: '2011-11-28', first: '2011-12-05' }]);
    });
  });

  it('falls back, and says so, when the churn, value and segment models are absent', async () => {
    await withDatabase(database, async (db) => {
      await db.run('drop table churn_prediction; drop table customer_lifetime_value; drop table customer_segment; alter table customer_rfm drop column segment');
      const result = await buildActionTables(db);
      const notes = result.notes.join('\n');
      expect(notes).toContain('churn_prediction absent');
      expect(notes).toContain('customer_lifetime_value absent');
      expect(notes).toContain('segments scored from its recency, frequency and monetary value');
      const sources = await db.all('select distinct churn_source, value_source, persona is null as no_persona from campaign_list');
      expect(sources).toEqual([{ churn_source: 'recency_frequency_rate', value_source: 'last_365_days_spend_x_90/365', no_persona: true }]);
      const { failures } = await runDataTests(db, ACTION_TABLES);
      expect(describeFailures(failures)).toBe('');
    });
  });
});
