import { defineTable } from '../spec/types.js';
import { CLUSTER_METHODS } from './helpers/columns.js';

/** What each cluster (K-Means) or density group (DBSCAN) looks like. */
export const customerClusterProfile = defineTable({
  name: 'customer_cluster_profile',
  description:
    'Profiles of the chosen K-Means clusters and of the DBSCAN groups (eps from the knee of the k-distance curve, minPts 6, on a fixed-seed sample of 20,000 beyond that many customers; noise is its own group, cluster -1). ' +
    'Clusters are numbered by mean monetary value, highest first; personas are named from the mean standardized log features.',
  grain: 'One cluster of one method.',
  layer: 'model',
  publish: true,
  excelSheet: 'Cluster profiles',
  primaryKey: ['method', 'cluster'],
  columns: [
    { name: 'method', type: 'VARCHAR', description: 'kmeans or dbscan.', accepted: CLUSTER_METHODS },
    { name: 'cluster', type: 'INTEGER', description: 'Cluster number, 0 = highest mean monetary value; -1 = DBSCAN noise.', format: 'integer' },
    { name: 'persona', type: 'VARCHAR', description: 'Descriptive name of the cluster.' },
    { name: 'customers', type: 'INTEGER', description: 'Customers in the cluster.', format: 'integer' },
    { name: 'customer_share', type: 'DOUBLE', description: 'Share of all clustered customers.', format: 'percent' },
    { name: 'mean_recency_days', type: 'DOUBLE', description: 'Mean recency in days.', format: 'decimal' },
    { name: 'mean_frequency', type: 'DOUBLE', description: 'Mean number of invoices.', format: 'decimal' },
    { name: 'mean_monetary', type: 'DOUBLE', description: 'Mean net revenue per customer.', format: 'money' },
    { name: 'revenue', type: 'DECIMAL(18,3)', description: 'Net revenue of the cluster.', format: 'money' },
    { name: 'revenue_share', type: 'DOUBLE', description: 'Share of all customers\' net revenue.', format: 'percent' },
    { name: 'z_recency', type: 'DOUBLE', description: 'Mean standardized log recency (SDs from the average customer; > 0 = longer ago).', format: 'decimal' },
    { name: 'z_frequency', type: 'DOUBLE', description: 'Mean standardized log frequency.', format: 'decimal' },
    { name: 'z_monetary', type: 'DOUBLE', description: 'Mean standardized log monetary value.', format: 'decimal' },
  ],
});
