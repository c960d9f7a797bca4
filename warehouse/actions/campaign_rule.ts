import { RFM_SEGMENTS } from '../../schemas/vocabulary.js';
import { ACTIONS, RISK_BANDS } from '../../schemas/vocabulary.js';
import { defineTable } from '../spec/types.js';

/** The decision table of the campaigns. */
export const campaignRule = defineTable({
  name: 'campaign_rule',
  description:
    'Which action each customer gets, by RFM segment (customer_rfm) and churn risk band (churn_prediction: High >= 0.7, Medium >= 0.4, else Low). ' +
    'Rules key on the RFM segment because it is a fixed vocabulary; the K-Means persona is shown beside it in campaign_list but its names depend on the data. ' +
    'Declared in analytics/actions/campaign-rules.ts.',
  grain: 'One RFM segment and churn risk band.',
  layer: 'action',
  publish: true,
  excelSheet: 'Campaign rules',
  primaryKey: ['segment', 'risk_band'],
  columns: [
    { name: 'segment', type: 'VARCHAR', description: 'RFM segment.', accepted: RFM_SEGMENTS },
    { name: 'risk_band', type: 'VARCHAR', description: 'Churn risk band.', accepted: RISK_BANDS },
    { name: 'action', type: 'VARCHAR', description: 'What to do with these customers.', accepted: ACTIONS },
    { name: 'rationale', type: 'VARCHAR', description: 'Why, in one sentence.' },
  ],
  tests: [
    {
      name: 'campaign_rule_covers_every_cell',
      description: 'Every segment has a rule for every risk band.',
      sql: `select * from (select count(*) as rules from campaign_rule) where rules <> ${RFM_SEGMENTS.length * RISK_BANDS.length}`,
    },
  ],
});
