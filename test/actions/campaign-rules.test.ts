import { describe, expect, it } from 'vitest';

import { ACTIONS, CAMPAIGN_RULES, CHURN_BAND_THRESHOLDS, actionFor, bandOf } from '../../analytics/actions/campaign-rules.js';
import { riskBand } from '../../analytics/churn-model.js';
import { RFM_SEGMENTS } from '../../analytics/rfm.js';

describe('campaign rules', () => {
  it('give exactly one action to every RFM segment and risk band', () => {
    expect(CAMPAIGN_RULES).toHaveLength(RFM_SEGMENTS.length * 3);
    const keys = new Set(CAMPAIGN_RULES.map((r) => `${r.segment}|${r.riskBand}`));
    expect(keys.size).toBe(CAMPAIGN_RULES.length);
    for (const rule of CAMPAIGN_RULES) expect(ACTIONS).toContain(rule.action);
    // every action is used somewhere, so the summary never lists a dead action
    expect(new Set(CAMPAIGN_RULES.map((r) => r.action))).toEqual(new Set(ACTIONS));
  });

  it('read as the table in the documentation', () => {
    expect(actionFor('Champions', 'Low')).toBe('upsell');
    expect(actionFor('Champions', 'High')).toBe('loyalty reward');
    expect(actionFor('Cannot lose them', 'High')).toBe('win-back');
    expect(actionFor('Lost', 'High')).toBe('do not contact');
    expect(actionFor('New', 'Medium')).toBe('nurture');
  });

  it('band churn probabilities as the churn model does', () => {
    for (const p of [0, 0.39, CHURN_BAND_THRESHOLDS.medium, 0.55, CHURN_BAND_THRESHOLDS.high, 0.99, 1]) expect(bandOf(p)).toBe(riskBand(p));
  });
});
