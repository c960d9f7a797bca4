import { defineTable } from '../spec/types.js';
import { RECOMMENDATION_METHODS } from './helpers/columns.js';

/** Out-of-time quality of the recommendations. */
export const recommendationMetrics = defineTable({
  name: 'recommendation_metrics',
  description:
    'Out-of-time check: rules and recommendations from basket lines before the cutoff (the day after the last invoice - 90 days), compared with what each customer ' +
    'with purchases on both sides bought from the cutoff on. hit_rate_at_5: share of those customers who bought at least one of their 5 recommended products; ' +
    'precision_at_5: recommended products bought / 5, averaged. most_popular recommends the 5 products in most invoices before the cutoff, with the same ' +
    'exclusion of products the customer already buys regularly. The baskets before the cutoff are as they stood then (net only of the cancellations dated before it). ' +
    'The thresholds were not chosen on this window: they were chosen on the 90 days before it (see product_association).',
  grain: 'One recommendation method.',
  layer: 'action',
  sql: 'actions/recommendation_metrics.sql',
  publish: true,
  excelSheet: 'Recommendation check',
  primaryKey: ['method'],
  columns: [
    { name: 'method', type: 'VARCHAR', description: 'association_rules (with popular fill) or the most_popular baseline.', accepted: RECOMMENDATION_METHODS },
    { name: 'cutoff_date', type: 'DATE', description: 'Rules and history before this day; purchases from it on are the truth.', format: 'date' },
    { name: 'customers', type: 'INTEGER', description: 'Customers evaluated (purchases before and after the cutoff).', format: 'integer' },
    { name: 'hits', type: 'INTEGER', description: 'Customers who bought at least one recommended product.', format: 'integer' },
    { name: 'hit_rate_at_5', type: 'DOUBLE', description: 'hits / customers.', format: 'percent' },
    { name: 'precision_at_5', type: 'DOUBLE', description: 'Mean share of the 5 recommended products bought.', format: 'percent' },
    { name: 'rule_coverage', type: 'DOUBLE', description: 'Share of the customers with at least one rule-based recommendation (0 for the baseline).', format: 'percent' },
    { name: 'rules', type: 'INTEGER', description: 'Rules found before the cutoff (0 for the baseline).', format: 'integer' },
    { name: 'min_support', type: 'DOUBLE', description: 'Minimum support of a rule.', format: 'percent' },
    { name: 'min_confidence', type: 'DOUBLE', description: 'Minimum confidence of a rule.', format: 'percent' },
    { name: 'max_basket_products', type: 'INTEGER', description: 'Invoices with more distinct products are left out of the rules.', format: 'integer' },
  ],
});
