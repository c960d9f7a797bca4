import { defineTable } from '../spec/types.js';

/** The segmentation campaigns are planned on: 4-8 stable, described segments. */
export const marketingSegment = defineTable({
  name: 'marketing_segment',
  description:
    'The marketing segmentation: 4-8 segments, each at least 3% of customers, stable under resampling (mean adjusted Rand index at least 0.75 over 20 bootstrap resamples). ' +
    'It is the K-Means solution of the k that meets these rules with the best silhouette (see model_k_selection, is_marketing); when no k does, the data supports fewer clusters ' +
    'and the segments are the named RFM segments grouped (Champions; Loyal; Recent, still growing = Potential loyalists, New, Promising; Cooling off = Need attention, About to sleep; ' +
    'Valuable at risk = At risk, Cannot lose them; Lapsed = Hibernating, Lost), a group under 3% of customers joining its neighbour.',
  grain: 'One marketing segment.',
  layer: 'model',
  publish: true,
  excelSheet: 'Marketing segments',
  primaryKey: ['segment_number'],
  columns: [
    { name: 'segment_number', type: 'INTEGER', description: 'Segment number (K-Means: 0 = highest mean spend; RFM groups: in the order listed above).', format: 'integer' },
    { name: 'segment_name', type: 'VARCHAR', description: 'Name of the segment.' },
    { name: 'source', type: 'VARCHAR', description: 'kmeans (clusters of a k that meets the rules) or rfm_groups (grouped RFM segments).', accepted: ['kmeans', 'rfm_groups'] },
    { name: 'customers', type: 'INTEGER', description: 'Customers in the segment.', format: 'integer' },
    { name: 'customer_share', type: 'DOUBLE', description: 'Share of all segmented customers.', format: 'percent' },
    { name: 'revenue', type: 'DECIMAL(18,3)', description: 'Net revenue of the segment\'s customers.', format: 'money' },
    { name: 'revenue_share', type: 'DOUBLE', description: 'Share of all customers\' net revenue.', format: 'percent' },
    { name: 'mean_recency_days', type: 'DOUBLE', description: 'Mean days since the last purchase.', format: 'decimal' },
    { name: 'mean_frequency', type: 'DOUBLE', description: 'Mean number of invoices.', format: 'decimal' },
    { name: 'mean_monetary', type: 'DOUBLE', description: 'Mean net spend per customer.', format: 'money' },
    { name: 'profile', type: 'VARCHAR', description: 'Who these customers are, in one sentence, against the average customer.' },
    { name: 'suggested_action', type: 'VARCHAR', description: 'One suggested campaign action.' },
    { name: 'stability_ari', label: 'Segmentation stability (mean ARI)', type: 'DOUBLE', description: 'Mean adjusted Rand index of the whole segmentation over the bootstrap resamples (the same for every row).', format: 'decimal' },
  ],
  tests: [
    { name: 'marketing_segment_min_share', description: 'Every marketing segment holds at least 3% of customers.', sql: `select * from marketing_segment where customer_share < 0.03` },
  ],
});
