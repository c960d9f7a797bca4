import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RFM_SEGMENTS } from '../../analytics/rfm.js';
import type { StepResult } from '../../schemas/workflow.js';
import { writeSampleCsv } from '../../scripts/sample/sample-lines.js';
import { runDataTests } from '../../warehouse/data-tests.js';
import { quoteIdent, withDatabase, type Database } from '../../warehouse/db.js';
import { ACTION_TABLES } from '../../warehouse/actions/index.js';
import { MODEL_TABLES } from '../../warehouse/models/index.js';
import { tempDir } from '../../runtime/temp-dir.js';
import { writeSmallInput } from '../helpers/small-input.js';
import { buildMarts, runModel, workDatabase } from './run-steps.js';

/** The model step builds the model tables, then the action tables. */
const STEP_TABLES = [...MODEL_TABLES, ...ACTION_TABLES];

/** Row count and an order-independent checksum of every model table. */
async function checksums(db: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const spec of MODEL_TABLES) {
    const t = quoteIdent(spec.name);
    const [row] = await db.all<{ n: string; h: string | null }>(`select count(*)::varchar as n, bit_xor(hash(t))::varchar as h from ${t} as t`);
    out[spec.name] = `${row?.n}:${row?.h}`;
  }
  return out;
}

describe('model step on the generated sample (150 customers, 2010-12-01..2011-12-09)', () => {
  const dir = tempDir('model-step-');
  let input: string;
  let first: StepResult;
  let second: StepResult;
  let firstSums: Record<string, string>;
  let secondSums: Record<string, string>;
  const outputDir = join(dir.path, 'out');

  beforeAll(async () => {
    input = join(dir.path, 'sample.csv');
    writeSampleCsv(input, { lines: 4000 });
    await buildMarts(input, outputDir);
    first = await runModel(input, outputDir);
    firstSums = await withDatabase(workDatabase(outputDir), checksums);
    second = await runModel(input, outputDir);
    secondSums = await withDatabase(workDatabase(outputDir), checksums);
  });
  afterAll(() => dir.cleanup());

  it('writes every declared model table with rows', () => {
    expect(first.tables.map((t) => t.name)).toEqual(STEP_TABLES.map((t) => t.name));
    for (const t of first.tables) expect(t.rows, t.name).toBeGreaterThan(0);
    expect(first.rowsOut).toBe(150);
  });

  it('is deterministic: a second run gives identical tables', () => {
    expect(Object.keys(firstSums)).toHaveLength(MODEL_TABLES.length);
    expect(secondSums).toEqual(firstSums);
    expect(second.notes.filter((n) => !n.includes('timings'))).toEqual(first.notes.filter((n) => !n.includes('timings')));
  });

  it('states the cutoffs, the chosen k, the silhouette sample and the model results in the notes', () => {
    const notes = first.notes.join('\n');
    expect(notes).toContain('cutoffs: train 2011-06-12, test 2011-09-10, as of 2011-12-10');
    expect(notes).toMatch(/K-Means: chose k=\d+ of k=2\.\.10/);
    expect(notes).toMatch(/Silhouettes are computed on all 150 customers \(the fixed-seed sample is 2,000\)/);
    expect(notes).toMatch(/churn: \d+ holdout customers/);
    expect(notes).toMatch(/high_value: \d+ holdout customers/);
    expect(notes).toMatch(/anomalies: /);
    expect(notes).toContain('net of matched cancellations');
    // one plain sentence per model against its baseline, for the run summary
    const verdicts = first.verdicts ?? [];
    expect(verdicts.find((v) => v.startsWith('Churn: '))).toMatch(/^Churn: the published (random forest|logistic regression) ranks .* ROC AUC 0\.\d{3} .* days since the last purchase alone \(0\.\d{3}\)\.$/);
    expect(verdicts.find((v) => v.startsWith('High value: '))).toMatch(/past spend alone/);
    for (const start of ['Lifetime value: ', 'Segments: ', 'Recommendations: ', 'Demand (category): ']) expect(verdicts.some((v) => v.startsWith(start)), start).toBe(true);
  });

  it('rescoring model_holdout_predictions as stored, with a rank-sum ROC AUC written in SQL, gives model_metrics', async () => {
    await withDatabase(workDatabase(outputDir), async (db) => {
      // Mann-Whitney: AUC = (sum of the positives' ranks - n1(n1+1)/2) / (n1 n0), ties at their mean rank.
      const rows = await db.all<{ target: string; method: string; stored: number; rescored: number }>(`
        with ranked as (
            select target, method, actual,
                   rank() over (partition by target, method order by score) + (count(*) over (partition by target, method, score) - 1) / 2.0 as mean_rank
            from model_holdout_predictions
        ),
        rank_sum as (
            select target, method, sum(mean_rank) filter (where actual = 1) as positive_ranks,
                   count(*) filter (where actual = 1)::double as n1, count(*) filter (where actual = 0)::double as n0
            from ranked group by target, method
        )
        select m.target, m.method, m.roc_auc as stored, (r.positive_ranks - r.n1 * (r.n1 + 1) / 2) / (r.n1 * r.n0) as rescored
        from model_metrics as m full join rank_sum as r using (target, method)
        order by m.target, m.method`);
      expect(rows.length).toBeGreaterThanOrEqual(6);
      for (const r of rows) expect(Math.abs(r.stored - r.rescored), `${r.target} ${r.method}: ${r.stored} vs ${r.rescored}`).toBeLessThan(1e-9);
    });
  });

  it('has sensible content', async () => {
    await withDatabase(workDatabase(outputDir), async (db) => {
      // customer_rfm keeps its original columns and one row per customer with a purchase
      expect(await db.number(`select count(*) from customer_rfm where recency_days < 1 or frequency < 1 or monetary <= 0 or first_purchase_at > last_purchase_at`)).toBe(0);
      const segments = await db.all<{ segment: string }>('select distinct segment from customer_rfm');
      for (const s of segments) expect(RFM_SEGMENTS).toContain(s.segment);
      expect(await db.number(`select count(*) from customer_rfm where rfm_cell <> recency_score::varchar || frequency_score::varchar || monetary_score::varchar`)).toBe(0);
      // the tie rule: equal frequencies share a score
      expect(await db.number('select count(*) from (select frequency from customer_rfm group by frequency having count(distinct frequency_score) > 1)')).toBe(0);
      expect(await db.number('select count(*) from model_k_selection')).toBe(9);
      expect(await db.number('select count(*) from model_k_selection where is_chosen')).toBe(1);
      expect(await db.number(`select sum(customers) from customer_cluster_profile where method = 'kmeans'`)).toBe(150);
      expect(await db.number(`select sum(customers) from customer_cluster_profile where method = 'dbscan'`)).toBe(150);
      expect(await db.number(`select round(sum(revenue_share), 6) from customer_cluster_profile where method = 'kmeans'`)).toBe(1);
      expect(await db.number('select count(*) from customer_segment where cluster is null or dbscan_group is null')).toBe(0);
      // both targets evaluated with the forest, the logistic regression and a baseline
      const methods = await db.all<{ target: string; method: string }>('select target, method from model_metrics order by all');
      // a BG/NBD churn score is compared only if it beat recency at the training cutoff; else a note says why not
      for (const method of ['bgnbd_no_purchase', 'bgnbd_p_alive']) {
        const compared = methods.some((m) => m.method === method);
        const dropped = first.notes.some((n) => n.startsWith(`${method} dropped from the churn comparison: at the training cutoff it ranks churners below recency alone`));
        expect(compared !== dropped, method).toBe(true);
      }
      expect(methods.filter((m) => !m.method.startsWith('bgnbd_')).map((m) => `${m.target}.${m.method}`)).toEqual([
        'churn.logistic_regression',
        'churn.random_forest',
        'churn.recency_baseline',
        'high_value.logistic_regression',
        'high_value.monetary_baseline',
        'high_value.random_forest',
      ]);
      expect(await db.number(`select count(*) from model_metrics where roc_auc not between 0 and 1 or train_cutoff <> date '2011-06-12' or test_cutoff <> date '2011-09-10'`)).toBe(0);
      expect(await db.number(`select min(roc_auc) from model_metrics where method = 'random_forest'`)).toBeGreaterThan(0.6);
      // holdout predictions reproduce the stored positive share
      const share = await db.number(`select avg(actual) from model_holdout_predictions where target = 'churn' and method = 'random_forest'`);
      expect(share).toBeCloseTo(await db.number(`select test_positive_share from model_metrics where target = 'churn' and method = 'random_forest'`), 10);
      expect(await db.number('select count(*) from churn_prediction')).toBe(150);
      expect(await db.number('select count(*) from high_value_prediction where probability not between 0 and 1')).toBe(0);
      expect(await db.number(`select round(sum(impurity_importance), 6) from model_feature_importance where target = 'churn'`)).toBe(1);
      expect(await db.number('select count(*) from customer_lifetime_value where p_alive not between 0 and 1 or expected_purchases_90d < 0 or clv_90d < 0')).toBe(0);
      expect(await db.number('select count(*) from customer_lifetime_value where repeat_purchases = 0 and p_alive <> 1')).toBe(0);
      expect(await db.number('select sum(customers) from model_lifetime_holdout')).toBe(
        await db.number(`select test_customers from model_metrics where target = 'churn' and method = 'random_forest'`),
      );
      expect(await db.number(`select count(*) from anomaly where rule = '' or (customer_id is null and country is null)`)).toBe(0);
      // the reliability table: ten deciles per probabilistic method holding every holdout customer, scores ascending
      expect(await db.number(`select count(*) from model_calibration`)).toBe(40);
      expect(await db.number(`select sum(customers) from model_calibration where target = 'churn' and method = 'random_forest'`)).toBe(
        await db.number(`select test_customers from model_metrics where target = 'churn' and method = 'random_forest'`),
      );
      expect(await db.number(`select count(*) from (select mean_predicted < lag(mean_predicted) over (partition by target, method order by decile) as down from model_calibration) where down`)).toBe(0);
      // the marketing segmentation covers every customer, and each of its segments is described
      expect(await db.number('select sum(customers) from marketing_segment')).toBe(150);
      expect(await db.number('select count(*) from customer_segment where marketing_segment is null')).toBe(0);
      expect(await db.number(`select count(*) from marketing_segment where profile = '' or suggested_action = ''`)).toBe(0);
      expect(await db.number('select count(*) from model_k_selection where stability_ari not between -1 and 1')).toBe(0);
    });
  });

  it('passes the data tests of every model table, and those tests can fail', async () => {
    await withDatabase(workDatabase(outputDir), async (db) => {
      const { run, failures } = await runDataTests(db, MODEL_TABLES);
      expect(run).toBeGreaterThan(100);
      expect(failures).toEqual([]);
      await db.run(`insert into customer_segment select * from customer_segment limit 1`);
      await db.run(`update model_metrics set method = 'guesswork' where method = 'random_forest' and target = 'churn'`);
      const broken = await runDataTests(db, MODEL_TABLES);
      expect(broken.failures.map((f) => f.name)).toEqual(
        expect.arrayContaining(['customer_segment.primary_key_unique', 'model_metrics.method.accepted_values', 'model_holdout_predictions.target_method.references_model_metrics']),
      );
    });
    // the step rebuilds every table, so a rerun repairs the damage
    await expect(runModel(input, outputDir)).resolves.toMatchObject({ step: 'model' });
  });
});

describe('model step on a handful of customers', () => {
  const dir = tempDir('model-tiny-');
  afterAll(() => dir.cleanup());

  it('still writes every table and says which models it skipped', async () => {
    const input = writeSmallInput(dir.path);
    const outputDir = join(dir.path, 'out');
    await buildMarts(input, outputDir);
    const result = await runModel(input, outputDir);
    expect(result.tables.map((t) => t.name)).toEqual(STEP_TABLES.map((t) => t.name));
    expect(result.tables.find((t) => t.name === 'customer_rfm')?.rows).toBe(3);
    expect(result.tables.find((t) => t.name === 'model_metrics')?.rows).toBe(0);
    const notes = result.notes.join('\n');
    expect(notes).toMatch(/clustering skipped/);
    expect(notes).toMatch(/churn model skipped/);
    expect(notes).toMatch(/lifetime value skipped/);
  });

});
