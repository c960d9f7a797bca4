import { defineTable } from '../spec/types.js';

/** Every k tried for K-Means with its quality scores. */
export const modelKSelection = defineTable({
  name: 'model_k_selection',
  description:
    'K-Means on standardized log recency, frequency and monetary value for k = 2..10 (k-means++ with fixed seeds, best of several restarts). ' +
    'The chosen k has the highest silhouette; silhouettes within 0.01 of the best count as tied and the tie goes to the lowest Davies-Bouldin index. ' +
    'The silhouette is averaged over a 2,000-customer sample drawn with a fixed seed (each compared with all customers). ' +
    'Stability: 20 bootstrap resamples per k (2,000 customers drawn with replacement, fixed seeds; a sample beyond 2,000 customers, to stay fast), K-Means refitted on each, ' +
    'every customer assigned to the nearest refitted centroid and compared with this solution by the adjusted Rand index. ' +
    'The marketing segmentation uses the k of 4-8 with the best silhouette among those whose smallest cluster holds at least 3% of customers and whose stability is at least 0.75; ' +
    'when none qualifies it is the grouped RFM segments (see marketing_segment).',
  grain: 'One number of clusters k.',
  layer: 'model',
  publish: true,
  excelSheet: 'K selection',
  primaryKey: ['k'],
  columns: [
    { name: 'k', type: 'INTEGER', description: 'Number of clusters.', format: 'integer' },
    { name: 'inertia', type: 'DOUBLE', description: 'Sum of squared distances to the assigned centroid (lower = tighter).', format: 'decimal' },
    { name: 'silhouette', type: 'DOUBLE', description: 'Mean silhouette coefficient on the fixed-seed sample (-1..1, higher = better separated).', format: 'decimal' },
    { name: 'calinski_harabasz', type: 'DOUBLE', description: 'Calinski-Harabasz index (higher = better).', format: 'decimal' },
    { name: 'davies_bouldin', type: 'DOUBLE', description: 'Davies-Bouldin index (lower = better).', format: 'decimal' },
    { name: 'iterations', type: 'INTEGER', description: 'K-Means iterations of the kept restart.', format: 'integer' },
    { name: 'converged', type: 'BOOLEAN', description: 'The kept restart converged.' },
    { name: 'is_chosen', type: 'BOOLEAN', description: 'This k has the best silhouette (the statistically best k).' },
    { name: 'stability_ari', label: 'Stability (mean ARI)', type: 'DOUBLE', description: 'Mean adjusted Rand index of the bootstrap refits against this solution (1 = the same clusters every time; 0.75 or more counts as stable).', format: 'decimal' },
    { name: 'stability_min_ari', label: 'Stability (lowest ARI)', type: 'DOUBLE', description: 'Lowest adjusted Rand index of any resample.', format: 'decimal' },
    { name: 'smallest_cluster_share', type: 'DOUBLE', description: 'Share of customers in the smallest cluster.', format: 'percent' },
    { name: 'is_marketing', label: 'Used for marketing', type: 'BOOLEAN', description: 'This k is the marketing segmentation (none is when the grouped RFM segments are).' },
  ],
  tests: [{ name: 'model_k_selection_one_chosen', description: 'Exactly one k is chosen when any k was tried.', sql: `select * from (select count(*) filter (where is_chosen) as chosen, count(*) as tried from model_k_selection) where tried > 0 and chosen <> 1` }],
});
