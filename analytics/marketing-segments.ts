import { resampledLabelStability, STABILITY_RESAMPLES, STABILITY_SAMPLE, type Stability } from './cluster-stability.js';
import { compareIds } from './ids.js';
import type { KMeansSelection, KScore } from './kmeans-selection.js';
import { segmentFor, type RfmInput, type RfmScore, type RfmSegment } from './rfm.js';

/** What a marketing segmentation must be to plan campaigns on (issue "Models", item 5). */
export const MARKETING_RULES = { minSegments: 4, maxSegments: 8, minShare: 0.03, minStability: 0.75 } as const;

/** One campaign-sized group of customers, described for the analyst. */
export interface MarketingSegment {
  segment: number;
  name: string;
  customers: number;
  customerShare: number;
  revenue: number;
  revenueShare: number;
  meanRecencyDays: number;
  meanFrequency: number;
  meanMonetary: number;
  /** One sentence: who these customers are. */
  profile: string;
  /** One suggested campaign action. */
  action: string;
}

export interface MarketingSegmentation {
  /** Where the segments come from: K-Means clusters of a k that meets the rules, or grouped RFM segments. */
  source: 'kmeans' | 'rfm_groups';
  /** The K-Means k used (source kmeans), else null. */
  k: number | null;
  stability: Stability;
  segments: MarketingSegment[];
  /** Customer id -> segment number. */
  assignments: Map<string, number>;
  /** Plain sentences for the run summary: what was chosen and why. */
  reason: string;
}

/** One action per persona family (numbered repeats, "... 2", share their family's action). */
const PERSONA_ACTIONS: Readonly<Record<string, string>> = {
  'High-value loyal': 'Reward and retain: loyalty perks and early access to new ranges; no discount needed.',
  'Recent big spenders': 'Cross-sell while the order is fresh: recommend products bought with what they bought.',
  'Lapsed big spenders': 'Win back personally: a call or a tailored offer before they are lost.',
  'Lapsed low spenders': 'Reactivate at low cost only: one automated email, no paid discount.',
  'Lapsing occasional buyers': 'Re-engage with a time-limited offer on the products they bought before.',
  'Recent newcomers': 'Onboard: a welcome series and an incentive for the second order.',
  'Recent regulars': 'Grow the basket: bundles and volume pricing on their usual lines.',
  'Occasional low spenders': 'Nurture cheaply with the newsletter; test a free-delivery threshold.',
  'Occasional mid spenders': 'Build a rhythm: reminders timed to their usual reorder interval.',
};

/**
 * The named RFM segments grouped into campaign-sized groups, in the order they are listed; a group
 * under the minimum share joins `mergeInto` (the neighbouring group on the recency/value grid).
 */
export const RFM_GROUPS: readonly { name: string; members: readonly RfmSegment[]; action: string; mergeInto?: string }[] = [
  { name: 'Champions', members: ['Champions'], action: 'Reward and retain: loyalty perks and early access; ask for reviews and referrals.', mergeInto: 'Loyal' },
  { name: 'Loyal', members: ['Loyal'], action: 'Upsell higher-value ranges and invite them to the loyalty programme.', mergeInto: 'Champions' },
  { name: 'Recent, still growing', members: ['Potential loyalists', 'New', 'Promising'], action: 'Onboard and build the habit: a welcome series and a second-order incentive.', mergeInto: 'Loyal' },
  { name: 'Cooling off', members: ['Need attention', 'About to sleep'], action: 'Re-engage with a time-limited offer on the products they bought before.', mergeInto: 'Lapsed' },
  { name: 'Valuable at risk', members: ['At risk', 'Cannot lose them'], action: 'Win back personally: a call or a tailored offer before they are lost.', mergeInto: 'Cooling off' },
  { name: 'Lapsed', members: ['Hibernating', 'Lost'], action: 'Reactivate at low cost only: one automated email, no paid discount.', mergeInto: 'Cooling off' },
];

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function describe(customers: readonly RfmInput[], labels: readonly number[], names: readonly string[], actions: readonly string[]): MarketingSegment[] {
  const total = customers.length;
  const totalRevenue = customers.reduce((s, c) => s + c.monetary, 0);
  const all = { r: customers.reduce((s, c) => s + c.recencyDays, 0) / total, f: customers.reduce((s, c) => s + c.frequency, 0) / total };
  return names
    .map((name, segment) => {
      const members = customers.filter((_, i) => labels[i] === segment);
      const n = members.length;
      const revenue = members.reduce((s, c) => s + c.monetary, 0);
      const meanRecencyDays = members.reduce((s, c) => s + c.recencyDays, 0) / n;
      const meanFrequency = members.reduce((s, c) => s + c.frequency, 0) / n;
      const meanMonetary = revenue / n;
      const revenueShare = totalRevenue === 0 ? 0 : revenue / totalRevenue;
      const profile =
        `${n.toLocaleString('en-GB')} customers (${pct(n / total)}) bringing ${pct(revenueShare)} of net revenue; ` +
        `last bought ${Math.round(meanRecencyDays)} days ago on average (all customers ${Math.round(all.r)}), ` +
        `${meanFrequency.toFixed(1)} orders (all ${all.f.toFixed(1)}), £${Math.round(meanMonetary).toLocaleString('en-GB')} net spend each.`;
      return { segment, name, customers: n, customerShare: n / total, revenue, revenueShare, meanRecencyDays, meanFrequency, meanMonetary, profile, action: actions[segment] as string };
    })
    .filter((s) => s.customers > 0);
}

/** The RFM segment of every customer when the quintile cut points come from `reference` rows only. */
function rfmSegmentsWithCutsFrom(customers: readonly RfmInput[], reference: readonly number[]): RfmSegment[] {
  const scorer = (value: (c: RfmInput) => number) => {
    const sorted = Float64Array.from(reference, (i) => value(customers[i] as RfmInput)).sort();
    return (v: number) => {
      // customers of the reference strictly worse than v (bisection to the first value >= v)
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((sorted[mid] as number) < v) lo = mid + 1;
        else hi = mid;
      }
      return Math.min(5, 1 + Math.floor((5 * lo) / sorted.length));
    };
  };
  const r = scorer((c) => -c.recencyDays);
  const f = scorer((c) => c.frequency);
  const m = scorer((c) => c.monetary);
  return customers.map((c) => segmentFor(r(-c.recencyDays), Math.floor((f(c.frequency) + m(c.monetary)) / 2 + 0.5)));
}

/** Which RFM groups remain once every group under the minimum share has joined its neighbour. */
function mergedGroups(counts: ReadonlyMap<string, number>, total: number): Map<string, string> {
  const target = new Map(RFM_GROUPS.map((g) => [g.name, g.name]));
  const resolve = (name: string): string => (target.get(name) === name ? name : resolve(target.get(name) as string));
  const size = new Map<string, number>();
  for (const g of RFM_GROUPS) size.set(g.name, counts.get(g.name) ?? 0);
  for (const g of RFM_GROUPS) {
    const own = resolve(g.name);
    if (own !== g.name || (size.get(own) as number) >= MARKETING_RULES.minShare * total || !g.mergeInto) continue;
    const into = resolve(g.mergeInto);
    if (into === own) continue;
    target.set(own, into);
    size.set(into, (size.get(into) as number) + (size.get(own) as number));
  }
  return new Map(RFM_GROUPS.map((g) => [g.name, resolve(g.name)]));
}

function rfmGroupLabels(segments: readonly RfmSegment[], mapping: ReadonlyMap<string, string>, names: readonly string[]): number[] {
  const groupOf = new Map<RfmSegment, string>();
  for (const g of RFM_GROUPS) for (const m of g.members) groupOf.set(m, mapping.get(g.name) as string);
  return segments.map((s) => names.indexOf(groupOf.get(s) as string));
}

const meetsRules = (s: KScore) =>
  s.k >= MARKETING_RULES.minSegments && s.k <= MARKETING_RULES.maxSegments && s.smallestShare >= MARKETING_RULES.minShare && s.stability >= MARKETING_RULES.minStability;

/**
 * The segmentation the analyst plans campaigns on: the K-Means solution with the highest
 * silhouette among the k of 4-8 whose every cluster holds at least 3% of customers and whose
 * bootstrap stability (mean adjusted Rand index) is at least 0.75. When no k qualifies, the data
 * does not support that many clusters, and the segmentation is the named RFM segments grouped
 * into RFM_GROUPS (small groups merged into their neighbour), with its own bootstrap stability
 * (quintile cut points from each resample).
 */
export function chooseMarketingSegmentation(customers: readonly RfmInput[], rfm: readonly RfmScore[], kmeans: KMeansSelection | undefined, seed = 42): MarketingSegmentation {
  const sorted = customers.slice().sort((a, b) => compareIds(a.customerId, b.customerId));
  const rules = `${MARKETING_RULES.minSegments}-${MARKETING_RULES.maxSegments} segments, each at least ${pct(MARKETING_RULES.minShare)} of customers, stability (mean adjusted Rand index over ${STABILITY_RESAMPLES} bootstrap resamples) at least ${MARKETING_RULES.minStability}`;
  const eligible = (kmeans?.scores ?? []).filter(meetsRules);
  if (kmeans && eligible.length) {
    const best = eligible.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
    const solution = kmeans.solve(best.k);
    const names = solution.profiles.map((p) => p.persona);
    const actions = names.map((n) => PERSONA_ACTIONS[n.replace(/ \d+$/, '')] ?? PERSONA_ACTIONS['Occasional mid spenders']!);
    const byId = new Map(solution.assignments.map((a) => [a.customerId, a.cluster]));
    const labels = sorted.map((c) => byId.get(c.customerId) as number);
    return {
      source: 'kmeans',
      k: best.k,
      stability: { meanAri: best.stability, minAri: best.stabilityMin, resamples: STABILITY_RESAMPLES, sampleSize: Math.min(STABILITY_SAMPLE, sorted.length) },
      segments: describe(sorted, labels, names, actions),
      assignments: new Map(sorted.map((c, i) => [c.customerId, labels[i] as number])),
      reason:
        `Marketing segmentation: K-Means k=${best.k} (silhouette ${best.silhouette.toFixed(3)}, Davies-Bouldin ${best.daviesBouldin.toFixed(3)}, stability ${best.stability.toFixed(3)}, smallest segment ${pct(best.smallestShare)}), ` +
        `the best silhouette of the k that meet the rules (${rules}); k meeting them: ${eligible.map((s) => s.k).join(', ')}.` +
        (best.k === kmeans.chosenK ? '' : ` K-Means' statistically best k is ${kmeans.chosenK}, reported beside it.`),
    };
  }
  const segmentOf = new Map(rfm.map((s) => [s.customerId, s.segment]));
  const segments = sorted.map((c) => segmentOf.get(c.customerId) as RfmSegment);
  const counts = new Map<string, number>();
  for (const g of RFM_GROUPS) counts.set(g.name, segments.filter((s) => g.members.includes(s)).length);
  const mapping = mergedGroups(counts, sorted.length);
  const names = RFM_GROUPS.map((g) => g.name).filter((n) => mapping.get(n) === n);
  const actions = names.map((n) => RFM_GROUPS.find((g) => g.name === n)!.action);
  const labels = rfmGroupLabels(segments, mapping, names);
  const stability = resampledLabelStability(sorted.length, labels, (drawn) => rfmGroupLabels(rfmSegmentsWithCutsFrom(sorted, drawn), mapping, names), { seed });
  const best = kmeans?.scores.filter((s) => s.k >= MARKETING_RULES.minSegments && s.k <= MARKETING_RULES.maxSegments) ?? [];
  const why = best.length
    ? `no K-Means k of ${MARKETING_RULES.minSegments}-${MARKETING_RULES.maxSegments} meets the rules (${rules}; best stability ${Math.max(...best.map((s) => s.stability)).toFixed(3)})`
    : 'too few customers to cluster';
  return {
    source: 'rfm_groups',
    k: null,
    stability,
    segments: describe(sorted, labels, names, actions),
    assignments: new Map(sorted.map((c, i) => [c.customerId, labels[i] as number])),
    reason:
      `Marketing segmentation: the data supports fewer stable clusters than ${MARKETING_RULES.minSegments}: ${why}; ` +
      `so the segmentation is the named RFM segments grouped into ${names.length} (${names.join(', ')}; stability ${stability.meanAri.toFixed(3)} with quintile cut points from each resample, ${stability.meanAri >= MARKETING_RULES.minStability ? 'meeting' : 'below'} the ${MARKETING_RULES.minStability} rule).` +
      (kmeans ? ` K-Means' statistically best k is ${kmeans.chosenK}, reported beside it.` : ''),
  };
}
