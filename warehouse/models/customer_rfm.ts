import { RFM_SEGMENTS } from '../../schemas/vocabulary.js';
import { defineTable } from '../spec/types.js';
import { PURCHASES, customerId } from './helpers/columns.js';

/** Recency, frequency and monetary value per known customer, with quintile scores and a segment. */
export const customerRfm = defineTable({
  name: 'customer_rfm',
  description:
    'Recency, frequency and monetary value of every customer with a purchase, as of the day after the last invoice in the data, with RFM scores and segment. ' +
    `${PURCHASES} Scores 1-5 are quintiles by rank with ties kept together: score = 1 + floor(5 x (customers with a strictly worse value) / customers), ` +
    'so equal values always share a score and quintiles can be unequal in size (e.g. every one-order customer gets frequency score 1).',
  grain: 'One known customer.',
  layer: 'model',
  publish: true,
  excelSheet: 'Customers RFM',
  primaryKey: ['customer_id'],
  foreignKeys: [{ columns: ['customer_id'], references: { table: 'dim_customer', columns: ['customer_id'] } }],
  columns: [
    customerId,
    { name: 'recency_days', type: 'INTEGER', description: 'Days from the last purchase to the day after the last invoice in the data.', format: 'integer' },
    { name: 'frequency', type: 'INTEGER', description: 'Distinct invoices with a purchase.', format: 'integer' },
    { name: 'monetary', label: 'Net spend', type: 'DECIMAL(18,3)', description: 'Net revenue of the purchases.', format: 'money' },
    { name: 'first_purchase_at', type: 'TIMESTAMP', description: 'First purchase.', format: 'datetime' },
    { name: 'last_purchase_at', type: 'TIMESTAMP', description: 'Last purchase.', format: 'datetime' },
    { name: 'tenure_days', type: 'INTEGER', description: 'Days from the first purchase to the day after the last invoice in the data.', format: 'integer' },
    { name: 'avg_order_value', type: 'DECIMAL(18,3)', description: 'monetary / frequency.', format: 'money' },
    { name: 'recency_score', type: 'INTEGER', description: '1-5, 5 = most recent (see the tie rule above).', format: 'integer', accepted: ['1', '2', '3', '4', '5'] },
    { name: 'frequency_score', type: 'INTEGER', description: '1-5, 5 = most invoices.', format: 'integer', accepted: ['1', '2', '3', '4', '5'] },
    { name: 'monetary_score', type: 'INTEGER', description: '1-5, 5 = highest spend.', format: 'integer', accepted: ['1', '2', '3', '4', '5'] },
    { name: 'fm_score', type: 'INTEGER', description: 'Round-half-up of (frequency_score + monetary_score) / 2.', format: 'integer', accepted: ['1', '2', '3', '4', '5'] },
    { name: 'rfm_cell', type: 'VARCHAR', description: 'Recency, frequency and monetary score digits, e.g. "545".' },
    { name: 'segment', type: 'VARCHAR', description: 'Segment from the recency score (rows) and FM score (columns) grid.', accepted: RFM_SEGMENTS },
  ],
});
