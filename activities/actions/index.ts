/**
 * The action tables: campaign lists, product recommendations and demand forecasts, built from the
 * marts and whatever model tables exist (churn_prediction, customer_lifetime_value, customer_segment;
 * each replaced by a stated fallback when absent). Called at the end of the model step; every table is
 * created or replaced, so a rerun gives the same tables.
 */
import { lapTimer } from '../laps.js';
import { quoteIdent, type Database } from '../../warehouse/db.js';
import { ACTION_TABLES } from '../../warehouse/actions/index.js';
import { buildCampaign, detectCampaignSources } from './campaign.js';
import { buildDemand } from './demand.js';
import { loadLines, loadParams } from './inputs.js';
import { ActionOptionsSchema, type ActionOptions } from './options.js';
import { buildRecommendations } from './recommend.js';
import { hasColumns } from './sources.js';

export { ActionOptionsSchema, type ActionOptions } from './options.js';

export interface ActionTablesResult {
  /** Row counts of the tables built, in ACTION_TABLES order. */
  tables: { name: string; rows: number }[];
  /** One line per finding or fallback, for the run summary. */
  notes: string[];
}

/** Temp tables the build leaves behind; dropped at the end so the work database holds only published tables. */
const TEMP_TABLES = [
  'action_param',
  'action_line',
  'action_product',
  'action_invoice',
  'action_item',
  'action_basket',
  'action_rule',
  'action_customer_item',
  'action_regular',
  'action_rule_candidate',
  'action_rule_top',
  'action_popular',
  'action_recommendation',
  'action_action',
  'action_rfm_segment',
  'action_segment',
  'action_churn',
  'action_value',
  'action_week',
  'action_demand',
];

/**
 * Builds every table of ACTION_TABLES in the open work database (after the marts and the models) and
 * returns their row counts and notes. Tolerates absent model tables: churn_prediction,
 * customer_lifetime_value and customer_segment are replaced by the fallbacks the table descriptions
 * state; without customer_rfm the campaign tables are skipped with a note.
 */
export async function buildActionTables(
  db: Database,
  options: ActionOptions = {},
  /** Called after the tables that need no model and before the campaign, which reads the model tables. */
  beforeCampaign: () => Promise<void> = async () => undefined,
): Promise<ActionTablesResult> {
  const resolved = ActionOptionsSchema.parse(options);
  const { lap, summary } = lapTimer();
  const notes: string[] = [];
  // the parameters first: action_line reads the evaluation cutoff
  await loadParams(db, resolved, await detectCampaignSources(db));
  await loadLines(db);
  lap('lines');
  notes.push(...(await buildRecommendations(db)).notes);
  lap('recommendations');
  const demandNotes = await buildDemand(db, resolved);
  lap('demand');
  await beforeCampaign();
  lap('waiting for models');
  // The model tables may be new now: the sources (and the parameters naming them) are read again.
  const sources = await detectCampaignSources(db);
  await loadParams(db, resolved, sources);
  const campaign = await hasColumns(db, 'customer_rfm', ['customer_id', 'recency_days', 'frequency', 'monetary', 'last_purchase_at']);
  if (campaign) notes.push(...(await buildCampaign(db, sources)));
  else notes.push('campaign: customer_rfm absent, campaign tables not built');
  notes.push(...demandNotes);
  lap('campaign');
  for (const table of TEMP_TABLES) await db.run(`drop table if exists temp.main.${quoteIdent(table)}`);
  notes.push(`action timings (ms): ${summary()}`);
  const skipped = campaign ? [] : ['campaign_rule', 'campaign_list', 'campaign_summary'];
  const tables = [];
  for (const spec of ACTION_TABLES.filter((t) => !skipped.includes(t.name))) {
    tables.push({ name: spec.name, rows: await db.number(`select count(*) from ${quoteIdent(spec.name)}`) });
  }
  return { tables, notes };
}
