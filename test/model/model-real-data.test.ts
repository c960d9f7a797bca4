import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { withDatabase } from '../../warehouse/db.js';
import { tempDir } from '../../runtime/temp-dir.js';
import { buildMarts, runModel, workDatabase } from './run-steps.js';
import { FULL_DATA_SET } from '../../runtime/project.js';

const FULL_DATA = FULL_DATA_SET;

describe.skipIf(!existsSync(FULL_DATA))('model step on the full Online Retail data', () => {
  const dir = tempDir('model-real-');
  afterAll(() => dir.cleanup());

  it('finds the 43% churn rate at the test cutoff and beats the recency baseline', async () => {
    const outputDir = join(dir.path, 'out');
    await buildMarts(FULL_DATA, outputDir);
    const result = await runModel(FULL_DATA, outputDir);
    const notes = result.notes.join('\n');
    expect(notes).toContain('cutoffs: train 2011-06-12, test 2011-09-10, as of 2011-12-10');
    // the published method is chosen on the validation window; P(alive) ranks below recency at the training cutoff, so it is dropped
    expect(notes).toMatch(/churn scores published from (random_forest|logistic_regression): \w+ ranked better on the validation window \(fit 2011-03-14, measured 2011-06-12\)/);
    expect(notes).toMatch(/bgnbd_p_alive dropped from the churn comparison: at the training cutoff it ranks churners below recency alone/);
    expect(notes).toMatch(/churn holdout Brier score/);
    await withDatabase(workDatabase(outputDir), async (db) => {
      const auc = async (target: string, method: string) =>
        db.number('select roc_auc from model_metrics where target = $target and method = $method', { target, method });
      const churnRate = await db.number(`select test_positive_share from model_metrics where target = 'churn' and method = 'random_forest'`);
      expect(churnRate).toBeGreaterThan(0.42);
      expect(churnRate).toBeLessThan(0.44);
      expect(await auc('churn', 'random_forest')).toBeGreaterThan(await auc('churn', 'recency_baseline'));
      expect(await auc('churn', 'random_forest')).toBeGreaterThan(0.7);
      expect(await auc('high_value', 'random_forest')).toBeGreaterThan(0.8);
      expect(await db.number('select count(*) from customer_rfm')).toBeGreaterThan(4300);
      expect(await db.number('select count(*) from model_k_selection where is_chosen')).toBe(1);
    });
  });
});
