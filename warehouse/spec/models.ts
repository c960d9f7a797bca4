import { defineTable } from './types.js';

/** Recency, frequency and monetary value per known customer. */
export const customerRfm = defineTable({
  name: 'customer_rfm',
  description: 'Recency, frequency and monetary value of every customer with a purchase, as of the end of the data.',
  grain: 'One known customer.',
  layer: 'model',
  publish: true,
  excelSheet: 'Customers RFM',
  primaryKey: ['customer_id'],
  columns: [
    { name: 'customer_id', type: 'BIGINT', description: 'Customer number.' },
    { name: 'recency_days', type: 'INTEGER', description: 'Days from the last purchase to the day after the last invoice in the data.', format: 'integer' },
    { name: 'frequency', type: 'INTEGER', description: 'Distinct non-cancelled invoices.', format: 'integer' },
    { name: 'monetary', type: 'DECIMAL(18,3)', description: 'Revenue of non-cancelled lines.', format: 'money' },
    { name: 'first_purchase_at', type: 'TIMESTAMP', description: 'First purchase.', format: 'datetime' },
    { name: 'last_purchase_at', type: 'TIMESTAMP', description: 'Last purchase.', format: 'datetime' },
  ],
});

/** Model outputs, in build order. */
export const MODEL_TABLES = [customerRfm];
