import { CAMPAIGN_RULES, ACTIONS, type ChurnSource, type ValueSource } from '../../analytics/actions/campaign-rules.js';
import { scoreRfm } from '../../analytics/rfm.js';
import { campaignRule } from '../../warehouse/actions/index.js';
import type { Database } from '../../warehouse/db.js';
import { sql } from '../../warehouse/sql.js';
import { writeTable } from '../model/write-table.js';
import { hasColumns } from './sources.js';

/** Which model tables the campaign can lean on; anything absent is replaced by a stated fallback. */
export interface CampaignSources {
  churn: ChurnSource;
  value: ValueSource;
  /** customer_rfm has the segment column (else segments are scored here from its R, F and M). */
  rfmSegment: boolean;
  /** customer_segment has the persona column. */
  persona: boolean;
}

/** Looks at the model tables present now (they may land after this module). */
export async function detectCampaignSources(db: Database): Promise<CampaignSources> {
  return {
    churn: (await hasColumns(db, 'churn_prediction', ['customer_id', 'probability', 'risk_band'])) ? 'churn_prediction' : 'recency_frequency_rate',
    value: (await hasColumns(db, 'customer_lifetime_value', ['customer_id', 'clv_90d'])) ? 'customer_lifetime_value.clv_90d' : 'last_365_days_spend_x_90/365',
    rfmSegment: await hasColumns(db, 'customer_rfm', ['customer_id', 'segment']),
    persona: await hasColumns(db, 'customer_segment', ['customer_id', 'persona']),
  };
}

/** action_segment(customer_id, segment, persona) from customer_rfm and customer_segment, or scored here. */
async function loadSegments(db: Database, sources: CampaignSources): Promise<void> {
  const persona = sources.persona ? 'p.persona' : 'null::varchar';
  const personaJoin = sources.persona ? 'left join customer_segment as p using (customer_id)' : '';
  if (sources.rfmSegment) {
    await db.run(`create or replace temp table action_segment as select r.customer_id, r.segment, ${persona} as persona from customer_rfm as r ${personaJoin}`);
    return;
  }
  const rows = await db.all<{ customer_id: string; recency_days: number; frequency: number; monetary: string }>(
    'select customer_id, recency_days, frequency, monetary from customer_rfm order by customer_id',
  );
  const scored = scoreRfm(rows.map((r) => ({ customerId: String(r.customer_id), recencyDays: Number(r.recency_days), frequency: Number(r.frequency), monetary: Number(r.monetary) })));
  await db.run('create or replace temp table action_rfm_segment (customer_id bigint, segment varchar)');
  const appender = await db.connection.createAppender('action_rfm_segment', 'main', 'temp');
  try {
    for (const s of scored) {
      appender.appendBigInt(BigInt(s.customerId));
      appender.appendVarchar(s.segment);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  await db.run(
    `create or replace temp table action_segment as select r.customer_id, r.segment, ${persona} as persona from action_rfm_segment as r ${personaJoin}`,
  );
}

/**
 * The campaign tables: campaign_rule (from the declared rules), campaign_list and campaign_summary.
 * Needs customer_rfm, customer_recommendation, action_line and action_param.
 */
export async function buildCampaign(db: Database, sources: CampaignSources): Promise<string[]> {
  await writeTable(db, campaignRule, CAMPAIGN_RULES.map((r) => [r.segment, r.riskBand, r.action, r.rationale]));
  await db.run('create or replace temp table action_action (action varchar, action_order integer)');
  for (const [i, action] of ACTIONS.entries()) await db.run('insert into action_action values ($action, $order)', { action, order: i + 1 });
  await loadSegments(db, sources);
  if (sources.churn === 'churn_prediction') {
    await db.run('create or replace temp table action_churn as select customer_id, probability, risk_band from churn_prediction');
  } else {
    await db.run(sql('actions/helpers/campaign_churn_fallback.sql'));
  }
  if (sources.value === 'customer_lifetime_value.clv_90d') {
    await db.run('create or replace temp table action_value as select customer_id, clv_90d::decimal(18, 3) as expected_value from customer_lifetime_value');
  } else {
    await db.run(sql('actions/helpers/campaign_value_fallback.sql'));
  }
  await db.run(sql('actions/campaign_list.sql'));
  const summary = await db.all<{ action: string; customers: number; revenue_at_stake: string }>(
    'select action, customers, revenue_at_stake from campaign_summary order by action_order',
  );
  const notes = [
    `campaign: ${summary.map((s) => `${s.action} ${s.customers} (at stake ${Math.round(Number(s.revenue_at_stake)).toLocaleString('en-GB')})`).join(', ')}`,
  ];
  if (sources.churn !== 'churn_prediction') notes.push('campaign: churn_prediction absent, churn probability = out-of-time churn rate of the recency/frequency band');
  if (sources.value !== 'customer_lifetime_value.clv_90d') notes.push('campaign: customer_lifetime_value absent, expected value = last 365 days of net product spend x 90/365');
  if (!sources.rfmSegment) notes.push('campaign: customer_rfm has no segment column, segments scored from its recency, frequency and monetary value');
  return notes;
}
