import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { lifetimeSummaries } from '../../analytics/bgnbd.js';
import { featuresAsOf } from '../../analytics/churn-features.js';
import { unpackHistories } from '../../analytics/packed-histories.js';
import { loadModelInputs, type ModelInputs } from '../../activities/model/load-inputs.js';
import { detectCampaignSources } from '../../activities/actions/campaign.js';
import { loadLines, loadParams } from '../../activities/actions/inputs.js';
import { ActionOptionsSchema } from '../../activities/actions/options.js';
import { buildRecommendations } from '../../activities/actions/recommend.js';
import { tempDir } from '../../runtime/temp-dir.js';
import { writeSampleCsv } from '../../scripts/sample/sample-lines.js';
import { withDatabase, type Database } from '../../warehouse/db.js';
import { buildMarts, workDatabase } from './run-steps.js';

/**
 * A cancellation dated after the cutoffs had not happened at them: adding one must leave every
 * feature (and every BG/NBD input) at the training and test cutoffs as it was, while the histories
 * as of the end of the data do lose the cancelled units.
 */
describe('features are true as of the cutoff: a later cancellation changes none', () => {
  const dir = tempDir('cutoff-cancel-');
  let before: ModelInputs & { recommendations: Recommendations };
  let after: ModelInputs & { recommendations: Recommendations };
  let cancelled: number;

  beforeAll(async () => {
    const input = join(dir.path, 'sample.csv');
    writeSampleCsv(input, { lines: 4000 });
    before = await load(input, join(dir.path, 'before'));
    // Cancel lines bought before the training cutoff (2011-06-12) whose customer bought that product
    // only once, on 2011-11-30 (after both cutoffs, before the last invoice of 2011-12-09): half of
    // them in full, half in part.
    const lines = readFileSync(input, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const key = (f: string[]) => `${f[6]}|${f[1]}`;
    const seen = new Map<string, number>();
    for (const f of lines) seen.set(key(f), (seen.get(key(f)) ?? 0) + 1);
    const early = lines.filter((f) => f.length === 8 && f[6] && !f[0]!.startsWith('C') && Number(f[3]) >= 2 && seen.get(key(f)) === 1 && new Date(f[4]!.split(' ')[0]!) < new Date('2011-06-01'));
    const chosen = early.filter((_, i) => i % 7 === 0).slice(0, 12);
    cancelled = chosen.length;
    const extra = chosen.map((f, i) => {
      const units = i % 2 === 0 ? Number(f[3]) : Math.floor(Number(f[3]) / 2);
      return ['C599990', f[1], f[2], String(-units), '11/30/2011 10:00', f[5], f[6], f[7]].join(',');
    });
    appendFileSync(input, `${extra.join('\n')}\n`);
    after = await load(input, join(dir.path, 'after'));
  }, 120_000);
  afterAll(() => dir.cleanup());

  async function load(input: string, outputDir: string) {
    await buildMarts(input, outputDir);
    return withDatabase(workDatabase(outputDir), async (db) => ({ ...(await loadModelInputs(db)), recommendations: await recommend(db) }));
  }

  it('the added cancellations were matched: the histories at the end of the data lost units', () => {
    expect(cancelled).toBeGreaterThanOrEqual(8);
    const total = (p: ModelInputs['histories']) => p.orderAmount.reduce((s, x) => s + x, 0);
    expect(total(after.histories)).toBeLessThan(total(before.histories) - 1);
    expect(after.dates).toEqual(before.dates);
  });

  it('no feature of any customer changes at the training or the test cutoff, nor any BG/NBD input', () => {
    for (const cutoff of ['train', 'test'] as const) {
      const at = before.dates[`${cutoff}Cutoff`];
      const was = unpackHistories(before.atCutoffs[cutoff]);
      const now = unpackHistories(after.atCutoffs[cutoff]);
      expect(featuresAsOf(now, at), cutoff).toEqual(featuresAsOf(was, at));
      expect(lifetimeSummaries(now, at), cutoff).toEqual(lifetimeSummaries(was, at));
    }
  });

  it('the recommendation check (rules, lists and hit rate before its cutoff) sees the baskets as they stood then', () => {
    expect(after.recommendations.cutoff < '2011-11-30').toBe(true);
    expect(after.recommendations.before).toEqual(before.recommendations.before);
    expect(after.recommendations.metrics).toEqual(before.recommendations.metrics);
    // while the published scope, as of the end of the data, does net the later cancellations
    expect(after.recommendations.all).not.toEqual(before.recommendations.all);
  });

  it('netting every cancellation in the data (the old inputs) would have changed them', () => {
    const at = before.dates.trainCutoff;
    expect(featuresAsOf(unpackHistories(after.histories), at)).not.toEqual(featuresAsOf(unpackHistories(after.atCutoffs.train), at));
  });
});

interface Recommendations {
  cutoff: string;
  before: unknown[];
  all: unknown[];
  metrics: unknown[];
}

/** The recommendation build on a work database, and what its out-of-time check and its published scope saw. */
async function recommend(db: Database): Promise<Recommendations> {
  await loadParams(db, ActionOptionsSchema.parse({}), await detectCampaignSources(db));
  await loadLines(db);
  await buildRecommendations(db);
  const items = (scope: string) =>
    db.all(`select c.customer_id::varchar as customer, t.stock_code, c.invoices::integer as invoices from action_customer_item as c join action_item as t using (item_id) where scope = '${scope}' order by all`);
  return {
    cutoff: (await db.all<{ cutoff: string }>('select cutoff::date::varchar as cutoff from action_param'))[0]!.cutoff,
    before: [
      ...(await items('before')),
      ...(await db.all(`select antecedent, consequent, invoices::integer as invoices, support, confidence, lift from action_rule where scope = 'before' order by all`)),
      ...(await db.all(`select method, customer_id::varchar as customer, rank, stock_code from action_recommendation where scope = 'before' order by all`)),
    ],
    all: await items('all'),
    metrics: await db.all('select * from recommendation_metrics order by method'),
  };
}
