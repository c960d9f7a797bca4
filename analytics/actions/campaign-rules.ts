import { ACTIONS, CHURN_SOURCES, RISK_BANDS, VALUE_SOURCES } from '../../schemas/vocabulary.js';

export { ACTIONS, CHURN_SOURCES, RISK_BANDS, VALUE_SOURCES };

/**
 * The campaign decision table: which action a customer gets, by RFM segment and churn risk band.
 *
 * Reading guide: customers who are valuable and still buying are thanked (loyalty reward) or offered
 * more (upsell) when the churn model sees little risk; valuable customers who are slipping away get a
 * win-back offer; new and low-value customers are nurtured; customers long gone and judged very likely
 * gone are not contacted (contact costs more than they are expected to bring).
 */
import { RFM_SEGMENTS, type RfmSegment } from '../rfm.js';

export type Action = (typeof ACTIONS)[number];

export type RiskBand = (typeof RISK_BANDS)[number];

export type ChurnSource = (typeof CHURN_SOURCES)[number];

export type ValueSource = (typeof VALUE_SOURCES)[number];

/**
 * Band thresholds of the churn model (analytics/churn-model.ts riskBand: High >= 0.7, Medium >= 0.4);
 * used when the churn probabilities come from the fallback rate, so both sources band alike.
 */
export const CHURN_BAND_THRESHOLDS = { high: 0.7, medium: 0.4 } as const;

/** The band of a churn probability. */
export function bandOf(probability: number): RiskBand {
  return probability >= CHURN_BAND_THRESHOLDS.high ? 'High' : probability >= CHURN_BAND_THRESHOLDS.medium ? 'Medium' : 'Low';
}

export interface CampaignRule {
  segment: RfmSegment;
  riskBand: RiskBand;
  action: Action;
  rationale: string;
}

type Row = readonly [high: Action, medium: Action, low: Action, rationale: string];

/**
 * One row per segment: the action for High, Medium and Low churn risk, and why.
 *
 * | segment             | High           | Medium         | Low            |
 * |---------------------|----------------|----------------|----------------|
 * | Champions           | loyalty reward | loyalty reward | upsell         |
 * | Loyal               | loyalty reward | loyalty reward | upsell         |
 * | Potential loyalists | nurture        | nurture        | upsell         |
 * | New                 | nurture        | nurture        | nurture        |
 * | Promising           | nurture        | nurture        | nurture        |
 * | Need attention      | win-back       | nurture        | upsell         |
 * | About to sleep      | win-back       | win-back       | nurture        |
 * | At risk             | win-back       | win-back       | nurture        |
 * | Cannot lose them    | win-back       | win-back       | loyalty reward |
 * | Hibernating         | do not contact | win-back       | nurture        |
 * | Lost                | do not contact | do not contact | win-back       |
 */
const GRID: Readonly<Record<RfmSegment, Row>> = {
  Champions: ['loyalty reward', 'loyalty reward', 'upsell', 'Best customers: reward them while they waver; offer more when they are safe.'],
  Loyal: ['loyalty reward', 'loyalty reward', 'upsell', 'Regular buyers: keep them with a reward; grow the basket when they are safe.'],
  'Potential loyalists': ['nurture', 'nurture', 'upsell', 'Recent and promising: build the habit; upsell only when the habit holds.'],
  New: ['nurture', 'nurture', 'nurture', 'One recent order: a second purchase matters more than a bigger one.'],
  Promising: ['nurture', 'nurture', 'nurture', 'Recent but small: encourage repeat purchases.'],
  'Need attention': ['win-back', 'nurture', 'upsell', 'Middle of the road: act when the model sees them leaving.'],
  'About to sleep': ['win-back', 'win-back', 'nurture', 'Fading: a win-back offer unless the model expects them back anyway.'],
  'At risk': ['win-back', 'win-back', 'nurture', 'Used to buy well, not lately: win them back.'],
  'Cannot lose them': ['win-back', 'win-back', 'loyalty reward', 'Big past spenders gone quiet: the win-back with the most at stake.'],
  Hibernating: ['do not contact', 'win-back', 'nurture', 'Low and long gone: contact only when the model gives them a chance.'],
  Lost: ['do not contact', 'do not contact', 'win-back', 'Gone: not worth a contact unless the model disagrees.'],
};

/** Every rule, in segment order of the RFM grid and High, Medium, Low. */
export const CAMPAIGN_RULES: readonly CampaignRule[] = RFM_SEGMENTS.flatMap((segment) => {
  const [high, medium, low, rationale] = GRID[segment];
  return [
    { segment, riskBand: 'High' as const, action: high, rationale },
    { segment, riskBand: 'Medium' as const, action: medium, rationale },
    { segment, riskBand: 'Low' as const, action: low, rationale },
  ];
});

/** The action for a segment and risk band. */
export function actionFor(segment: RfmSegment, riskBand: RiskBand): Action {
  const rule = CAMPAIGN_RULES.find((r) => r.segment === segment && r.riskBand === riskBand);
  if (!rule) throw new RangeError(`no campaign rule for ${segment} / ${riskBand}`);
  return rule.action;
}
