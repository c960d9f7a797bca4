import { defineTable } from '../spec/types.js';
import { BASKET_LINES, toProduct } from './helpers/columns.js';

/** Market-basket association rules. */
export const productAssociation = defineTable({
  name: 'product_association',
  description:
    `Association rules "who buys the antecedent in an invoice also buys the consequent" over all invoices. ${BASKET_LINES} ` +
    'support = invoices with both / invoices; confidence = invoices with both / invoices with the antecedent; lift = confidence / share of invoices with the consequent. ' +
    'Only invoices of at most max_basket_products distinct products count (an order of hundreds of products pairs everything with everything and ' +
    'costs most of the pair count). Kept: support >= min_support, confidence >= min_confidence and lift > 1 (thresholds in recommendation_metrics; ' +
    'defaults 1%, 20% and 50 products; support and confidence chosen by hit rate on a validation window before the one recommendation_metrics reports: rules from the invoices before 2011-06-12, hits in the 90 days after).',
  grain: 'One ordered pair of products (antecedent -> consequent).',
  layer: 'action',
  sql: 'actions/product_association.sql',
  publish: true,
  excelSheet: 'Product associations',
  primaryKey: ['antecedent', 'consequent'],
  foreignKeys: [toProduct('antecedent'), toProduct('consequent')],
  columns: [
    { name: 'antecedent', type: 'VARCHAR', description: 'Stock code bought.' },
    { name: 'consequent', type: 'VARCHAR', description: 'Stock code bought with it.' },
    { name: 'antecedent_description', type: 'VARCHAR', description: 'Description of the antecedent.', nullable: true },
    { name: 'consequent_description', type: 'VARCHAR', description: 'Description of the consequent.', nullable: true },
    { name: 'invoices', type: 'INTEGER', description: 'Invoices with both products.', format: 'integer' },
    { name: 'support', type: 'DOUBLE', description: 'Share of invoices with both products.', format: 'percent' },
    { name: 'confidence', type: 'DOUBLE', description: 'Share of the antecedent\'s invoices that also hold the consequent.', format: 'percent' },
    { name: 'lift', type: 'DOUBLE', description: 'confidence / share of invoices with the consequent (> 1 = bought together more than by chance).', format: 'decimal' },
  ],
  tests: [
    {
      name: 'product_association_measures_consistent',
      description: 'Support and confidence within 0..1, lift above 1, antecedent differs from consequent.',
      sql: `select * from product_association where support <= 0 or support > 1 or confidence <= 0 or confidence > 1 or lift <= 1 or antecedent = consequent`,
    },
  ],
});
