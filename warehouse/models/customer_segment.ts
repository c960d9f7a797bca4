import { RFM_SEGMENTS } from '../../schemas/vocabulary.js';
import { defineTable } from '../spec/types.js';
import { customerId, toRfm } from './helpers/columns.js';

/** Each customer's RFM segment, K-Means cluster and DBSCAN group side by side. */
export const customerSegment = defineTable({
  name: 'customer_segment',
  description: 'The RFM segment, K-Means cluster and persona, DBSCAN group and marketing segment of every customer in customer_rfm.',
  grain: 'One known customer.',
  layer: 'model',
  publish: true,
  excelSheet: 'Customer segments',
  primaryKey: ['customer_id'],
  foreignKeys: [toRfm],
  columns: [
    customerId,
    { name: 'rfm_segment', type: 'VARCHAR', description: 'Segment from customer_rfm.', accepted: RFM_SEGMENTS },
    { name: 'cluster', type: 'INTEGER', description: 'K-Means cluster (see customer_cluster_profile, method kmeans); null when too few customers to cluster.', nullable: true, format: 'integer' },
    { name: 'persona', type: 'VARCHAR', description: 'Persona of the K-Means cluster.', nullable: true },
    { name: 'dbscan_group', type: 'INTEGER', description: 'DBSCAN cluster, -1 = noise (an outlier of no dense group); null when too few customers.', nullable: true, format: 'integer' },
    { name: 'dbscan_persona', type: 'VARCHAR', description: 'Persona of the DBSCAN group.', nullable: true },
    { name: 'marketing_segment', type: 'VARCHAR', description: 'Segment of the marketing segmentation (see marketing_segment); null when too few customers.', nullable: true },
  ],
});
