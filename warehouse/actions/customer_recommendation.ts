import { defineTable } from '../spec/types.js';
import { REASON_KINDS, customerId, toCustomer, toProduct } from './helpers/columns.js';

/** Top products per customer. */
export const customerRecommendation = defineTable({
  name: 'customer_recommendation',
  description:
    'Up to 5 products per customer that the customer does not already buy regularly (bought in 2 or more invoices). Association: the best rule of ' +
    'product_association whose antecedent the customer bought, score = its confidence (ties: lift, then stock code). Empty places are filled with the ' +
    'most popular products (score = share of invoices holding the product). Quality: recommendation_metrics.',
  grain: 'One customer and recommendation rank.',
  layer: 'action',
  sql: 'actions/customer_recommendation.sql',
  publish: true,
  primaryKey: ['customer_id', 'rank'],
  foreignKeys: [toCustomer, toProduct('stock_code')],
  columns: [
    customerId,
    { name: 'rank', type: 'INTEGER', description: '1 = best.', format: 'integer', accepted: ['1', '2', '3', '4', '5'] },
    { name: 'stock_code', type: 'VARCHAR', description: 'Recommended product.' },
    { name: 'description', type: 'VARCHAR', description: 'Its description.', nullable: true },
    { name: 'score', type: 'DOUBLE', description: 'Rule confidence (association) or invoice share (popular).', format: 'decimal' },
    { name: 'reason_kind', type: 'VARCHAR', description: 'association or popular.', accepted: REASON_KINDS },
    { name: 'reason', type: 'VARCHAR', description: 'Why, in words.' },
  ],
  tests: [
    {
      name: 'customer_recommendation_one_product_once',
      description: 'A product is recommended to a customer at most once.',
      sql: `select customer_id, stock_code, count(*) as copies from customer_recommendation group by all having count(*) > 1`,
    },
  ],
});
