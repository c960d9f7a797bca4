import { DAY_MS, type CustomerHistory } from '../../analytics/churn-features.js';
import type { ClusterProfile } from '../../analytics/cluster-profiles.js';
import { segmentWithDbscan, type DbscanSegmentation } from '../../analytics/dbscan-segmentation.js';
import { STABILITY_RESAMPLES, STABILITY_SAMPLE } from '../../analytics/cluster-stability.js';
import { KMEANS_FIT_SAMPLE, selectKMeans, type KMeansSelection } from '../../analytics/kmeans-selection.js';
import { chooseMarketingSegmentation, type MarketingSegmentation } from '../../analytics/marketing-segments.js';
import { scoreRfm, type RfmInput } from '../../analytics/rfm.js';
import { MODEL_SETTINGS } from '../../schemas/settings.js';
import type { Cell } from '../../analytics/cell.js';
import { isoTimestamp } from '../../analytics/model-dates.js';

/** The clustering settings of the refresh (minimum customers, k range, restarts) live in schemas/settings.ts. */
export const MIN_CUSTOMERS_TO_CLUSTER = MODEL_SETTINGS.minCustomersToCluster;
export const KMEANS_OPTIONS = MODEL_SETTINGS.kmeans;

export interface SegmentationRows {
  customerRfm: Cell[][];
  kSelection: Cell[][];
  profiles: Cell[][];
  segments: Cell[][];
  marketing: Cell[][];
  notes: string[];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function profileRows(method: 'kmeans' | 'dbscan', profiles: readonly ClusterProfile[]): Cell[][] {
  return profiles.map((p) => [
    method,
    p.cluster,
    p.persona,
    p.customers,
    p.customerShare,
    p.meanRecencyDays,
    p.meanFrequency,
    p.meanMonetary,
    p.revenue,
    p.revenueShare,
    p.zRecency,
    p.zFrequency,
    p.zMonetary,
  ]);
}

/**
 * RFM scores and segments, K-Means k selection with cluster profiles, and DBSCAN groups for every
 * customer with a purchase, as of `asOf` (the day after the last invoice).
 */
export function segmentCustomers(histories: readonly CustomerHistory[], asOf: Date): SegmentationRows {
  const asOfDay = asOf.getTime() / DAY_MS;
  const inputs: RfmInput[] = histories.map((h) => ({
    customerId: h.customerId,
    recencyDays: asOfDay - Math.floor(h.orders[h.orders.length - 1]!.at / DAY_MS),
    frequency: h.orders.length,
    // Rounded to the cent's tenth, as stored: float noise must not split ties in the quintiles.
    monetary: round3(h.orders.reduce((s, o) => s + o.amount, 0)),
  }));
  const byId = new Map(histories.map((h) => [h.customerId, h]));
  const scores = scoreRfm(inputs);
  const customerRfm = scores.map((s) => {
    const h = byId.get(s.customerId) as CustomerHistory;
    const first = h.orders[0]!.at;
    return [
      s.customerId,
      s.recencyDays,
      s.frequency,
      s.monetary,
      isoTimestamp(first),
      isoTimestamp(h.orders[h.orders.length - 1]!.at),
      asOfDay - Math.floor(first / DAY_MS),
      s.monetary / s.frequency,
      s.recencyScore,
      s.frequencyScore,
      s.monetaryScore,
      s.fmScore,
      s.rfmCell,
      s.segment,
    ];
  });

  const notes: string[] = [];
  let kmeans: KMeansSelection | undefined;
  let density: DbscanSegmentation | undefined;
  if (inputs.length >= MIN_CUSTOMERS_TO_CLUSTER) {
    kmeans = selectKMeans(inputs, KMEANS_OPTIONS);
    density = segmentWithDbscan(inputs);
    notes.push(
      `K-Means: chose k=${kmeans.chosenK} of k=${kmeans.scores[0]!.k}..${kmeans.scores[kmeans.scores.length - 1]!.k}: ${kmeans.reason} ` +
        (inputs.length > KMEANS_OPTIONS.silhouetteSample
          ? `Silhouettes are computed on a ${KMEANS_OPTIONS.silhouetteSample.toLocaleString('en-GB')}-customer fixed-seed sample (seed ${KMEANS_OPTIONS.seed}), each compared with all ${Math.min(inputs.length, KMEANS_FIT_SAMPLE)} customers${inputs.length > KMEANS_FIT_SAMPLE ? ' of the fit sample' : ''}.`
          : `Silhouettes are computed on all ${inputs.length} customers (the fixed-seed sample is ${KMEANS_OPTIONS.silhouetteSample.toLocaleString('en-GB')}).`),
      `K-Means personas: ${kmeans.profiles.map((p) => `${p.cluster} ${p.persona} (${p.customers})`).join(', ')}`,
      `DBSCAN: ${density.reason} ${density.clusters} cluster(s), ${density.noise} noise customer(s).`,
      `K-Means stability: mean adjusted Rand index of ${STABILITY_RESAMPLES} bootstrap refits per k, each on ${Math.min(STABILITY_SAMPLE, inputs.length, KMEANS_FIT_SAMPLE).toLocaleString('en-GB')} customers drawn with replacement${inputs.length > STABILITY_SAMPLE ? ' (a sample, to stay fast)' : ''}: ${kmeans.scores.map((s) => `k=${s.k} ${s.stability.toFixed(2)}`).join(', ')}.`,
    );
  } else {
    notes.push(`clustering skipped: ${inputs.length} customers (fewer than ${MIN_CUSTOMERS_TO_CLUSTER})`);
  }
  const marketing: MarketingSegmentation | undefined = inputs.length >= MIN_CUSTOMERS_TO_CLUSTER ? chooseMarketingSegmentation(inputs, scores, kmeans, KMEANS_OPTIONS.seed) : undefined;
  if (marketing) {
    notes.push(
      marketing.reason,
      `Marketing segments: ${marketing.segments.map((m) => `${m.name} ${m.customers} (${(100 * m.customerShare).toFixed(1)}% of customers, ${(100 * m.revenueShare).toFixed(1)}% of revenue)`).join(', ')}.`,
    );
  }
  const kSelection = (kmeans?.scores ?? []).map((s) => [
    s.k,
    s.inertia,
    s.silhouette,
    s.calinskiHarabasz,
    s.daviesBouldin,
    s.iterations,
    s.converged,
    s.k === kmeans?.chosenK,
    s.stability,
    s.stabilityMin,
    s.smallestShare,
    marketing?.source === 'kmeans' && s.k === marketing.k,
  ]);
  const marketingRows = (marketing?.segments ?? []).map((m) => [
    m.segment,
    m.name,
    marketing!.source,
    m.customers,
    m.customerShare,
    m.revenue,
    m.revenueShare,
    m.meanRecencyDays,
    m.meanFrequency,
    m.meanMonetary,
    m.profile,
    m.action,
    marketing!.stability.meanAri,
  ]);
  const marketingName = new Map((marketing?.segments ?? []).map((m) => [m.segment, m.name]));
  const profiles = [...profileRows('kmeans', kmeans?.profiles ?? []), ...profileRows('dbscan', density?.profiles ?? [])];
  const persona = (list: readonly ClusterProfile[] | undefined) => new Map((list ?? []).map((p) => [p.cluster, p.persona]));
  const kmeansPersona = persona(kmeans?.profiles);
  const dbscanPersona = persona(density?.profiles);
  const kmeansCluster = new Map((kmeans?.assignments ?? []).map((a) => [a.customerId, a.cluster]));
  const dbscanCluster = new Map((density?.assignments ?? []).map((a) => [a.customerId, a.cluster]));
  const segments = scores.map((s) => {
    const cluster = kmeansCluster.get(s.customerId);
    const group = dbscanCluster.get(s.customerId);
    return [
      s.customerId,
      s.segment,
      cluster ?? null,
      cluster === undefined ? null : (kmeansPersona.get(cluster) ?? null),
      group ?? null,
      group === undefined ? null : (dbscanPersona.get(group) ?? null),
      marketingName.get(marketing?.assignments.get(s.customerId) ?? -1) ?? null,
    ];
  });
  return { customerRfm, kSelection, profiles, segments, marketing: marketingRows, notes };
}
