import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  averageRanks,
  bestF1Threshold,
  calinskiHarabasz,
  daviesBouldin,
  logLoss,
  metricsAtThreshold,
  rocAuc,
  silhouetteScore,
} from '../../analytics/metrics.js';

const scores = [0.1, 0.4, 0.35, 0.8];
const labels = [0, 0, 1, 1];

describe('classification metrics', () => {
  it('ROC AUC by ranks', () => {
    // Ranks ascending: 0.1->1, 0.35->2, 0.4->3, 0.8->4. Positives hold ranks 2 and 4:
    // (2 + 4 - 2*3/2) / (2*2) = 3/4.
    expect(rocAuc(scores, labels)).toBeCloseTo(0.75, 12);
  });

  it('ROC AUC counts a tie between a positive and a negative as one half', () => {
    // Pairs (positive, negative): (0.5, 0.5) = 1/2, (0.5, 0.2) = 1, (0.8, 0.5) = 1, (0.8, 0.2) = 1 -> 3.5 / 4.
    expect(rocAuc([0.5, 0.5, 0.2, 0.8], [1, 0, 0, 1])).toBeCloseTo(0.875, 12);
    expect(averageRanks([3, 1, 3, 2])).toEqual([3.5, 1, 3.5, 2]);
  });

  it('ROC AUC is NaN when a class is missing', () => {
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
  });

  it('average precision, step-wise', () => {
    // From the top: 0.8 (pos) P=1 R=1/2; 0.4 (neg) P=1/2 R=1/2; 0.35 (pos) P=2/3 R=1; 0.1 (neg) R unchanged.
    // AP = 1/2 * 1 + 0 + 1/2 * 2/3 = 5/6.
    expect(averagePrecision(scores, labels)).toBeCloseTo(5 / 6, 12);
  });

  it('average precision treats tied scores as one threshold', () => {
    // 0.9 (neg): R=0; 0.5 tie (pos + neg): P=1/3, R=1/2; 0.1 (pos): P=2/4, R=1.
    // AP = 1/2 * 1/3 + 1/2 * 1/2 = 5/12 (breaking the tie positive-first would give 1/2).
    expect(averagePrecision([0.5, 0.5, 0.9, 0.1], [1, 0, 0, 1])).toBeCloseTo(5 / 12, 12);
  });

  it('precision, recall and F1 at a threshold', () => {
    // score >= 0.35 flags 0.4 (neg), 0.35 (pos), 0.8 (pos): TP 2, FP 1, FN 0.
    const m = metricsAtThreshold(scores, labels, 0.35);
    expect([m.truePositives, m.falsePositives, m.falseNegatives, m.trueNegatives]).toEqual([2, 1, 0, 1]);
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.recall).toBe(1);
    expect(m.f1).toBeCloseTo(0.8, 12);
  });

  it('best F1 threshold', () => {
    // F1 = 2TP / (P + flagged): 0.8 -> 2/3, 0.4 -> 2/4, 0.35 -> 4/5, 0.1 -> 4/6. Best: 0.35.
    const best = bestF1Threshold(scores, labels);
    expect(best.threshold).toBe(0.35);
    expect(best.f1).toBeCloseTo(0.8, 12);
  });

  it('log loss', () => {
    // (-ln 0.8 - ln 0.6) / 2
    expect(logLoss([0.8, 0.4], [1, 0])).toBeCloseTo((-Math.log(0.8) - Math.log(0.6)) / 2, 12);
    expect(Number.isFinite(logLoss([0, 1], [1, 0]))).toBe(true);
  });
});

describe('clustering metrics', () => {
  // 1-D points 0, 1 (cluster 0) and 4, 6 (cluster 1).
  const points = [[0], [1], [4], [6]];
  const clusters = [0, 0, 1, 1];

  it('silhouette by hand', () => {
    // x=0: a=1, b=(4+6)/2=5   -> 1 - 1/5   = 0.8
    // x=1: a=1, b=(3+5)/2=4   -> 1 - 1/4   = 0.75
    // x=4: a=2, b=(4+3)/2=3.5 -> 1 - 2/3.5 = 3/7
    // x=6: a=2, b=(6+5)/2=5.5 -> 1 - 2/5.5 = 7/11
    expect(silhouetteScore(points, clusters)).toBeCloseTo((0.8 + 0.75 + 3 / 7 + 7 / 11) / 4, 12);
  });

  it('silhouette on a sample averages only the sampled points, against all points', () => {
    expect(silhouetteScore(points, clusters, [0, 3])).toBeCloseTo((0.8 + 7 / 11) / 2, 12);
    expect(silhouetteScore(points, clusters, [0, 1, 2, 3])).toBeCloseTo(silhouetteScore(points, clusters), 12);
  });

  it('silhouette gives 0 to a point alone in its cluster and NaN to one cluster', () => {
    // x=0 alone: 0; x=1: a=3... cluster {1,4}: x=1: a=3, b=1 -> (1-3)/3 = -2/3; x=4: a=3, b=4 -> 1/4
    expect(silhouetteScore([[0], [1], [4]], [0, 1, 1])).toBeCloseTo((0 - 2 / 3 + 1 / 4) / 3, 12);
    expect(silhouetteScore(points, [0, 0, 0, 0])).toBeNaN();
  });

  it('Calinski-Harabasz by hand', () => {
    // Mean 2.75; centroids 0.5 and 5. Between = 2*(2.25^2) + 2*(2.25^2) = 20.25.
    // Within = 0.25+0.25+1+1 = 2.5. CH = (20.25 / 1) / (2.5 / 2) = 16.2.
    expect(calinskiHarabasz(points, clusters)).toBeCloseTo(16.2, 12);
  });

  it('Davies-Bouldin by hand', () => {
    // Spreads: 0.5 and 1; centroid distance 4.5. Both clusters: (0.5 + 1) / 4.5 = 1/3.
    expect(daviesBouldin(points, clusters)).toBeCloseTo(1 / 3, 12);
  });
});
