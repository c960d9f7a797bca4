import { defineTable } from '../spec/types.js';
import { ANOMALY_TYPES } from './helpers/columns.js';

/** Unusual days per country and unusual customers. */
export const anomaly = defineTable({
  name: 'anomaly',
  description:
    'Days whose revenue or cancellations are unusual for their country, and customers with unusual patterns. Days: robust z-score = 0.6745 x (value - median) / MAD of ' +
    'log(1 + amount) over the country\'s trading days (countries with at least 30; when the MAD is 0, 1.2533 x the mean absolute deviation replaces MAD / 0.6745); ' +
    'flagged when |z| > 3.5 (cancellations: high side only). Customers: cancelled value / ordered value >= 0.5 with at least two cancelled lines, or |robust z| > 3.5 ' +
    'of log mean units per invoice across customers. Duplicate lines are left out. The rule column states each row\'s rule and threshold.',
  grain: 'One flagged country day or customer for one rule.',
  layer: 'model',
  sql: 'models/anomaly.sql',
  publish: true,
  excelSheet: 'Anomalies',
  primaryKey: ['anomaly_id'],
  columns: [
    { name: 'anomaly_id', type: 'VARCHAR', description: 'Rule, country or customer, and day, joined with "|".' },
    { name: 'anomaly_type', type: 'VARCHAR', description: 'Which rule flagged the row.', accepted: ANOMALY_TYPES },
    { name: 'country', type: 'VARCHAR', description: 'Country of a flagged day (null for customer rules).', nullable: true },
    { name: 'anomaly_date', type: 'DATE', description: 'Flagged day (null for customer rules).', nullable: true, format: 'date' },
    { name: 'customer_id', type: 'BIGINT', description: 'Flagged customer (null for day rules).', nullable: true },
    { name: 'value', type: 'DOUBLE', description: 'The observed amount, share or basket size.', format: 'decimal' },
    { name: 'typical_value', type: 'DOUBLE', description: 'The median it is compared with: of the country\'s trading days, or of all customers.', format: 'decimal' },
    { name: 'robust_z', type: 'DOUBLE', description: 'Robust z-score; null for the cancellation-share rule.', nullable: true, format: 'decimal' },
    { name: 'direction', type: 'VARCHAR', description: 'high or low.', accepted: ['high', 'low'] },
    { name: 'rule', type: 'VARCHAR', description: 'The rule and threshold in words.' },
  ],
});
