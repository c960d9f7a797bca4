import { defineTable } from '../spec/types.js';
import { money, count } from './helpers/columns.js';

/** Product dimension. */
export const dimProduct = defineTable({
  name: 'dim_product',
  description:
    'Products by stock code. Description: the most frequent non-null description written on real sales (positive quantity and price), ' +
    'ties going to the latest line; other descriptions only when no sale has one. Category: keyword rules on the description ' +
    '(warehouse/reference/product-categories.csv, 12 categories chosen by measured revenue coverage: 91% of products, 98% of product revenue, see warehouse/reference/README.md); ' +
    'the matching keyword of the highest-priority category decides; service codes are "Service and fees", the rest "Other".',
  grain: 'One stock code (upper-cased).',
  layer: 'mart',
  sql: 'marts/dim_product.sql',
  dependsOn: ['stg_sales_lines'],
  publish: true,
  primaryKey: ['stock_code'],
  columns: [
    { name: 'stock_code', type: 'VARCHAR', description: 'Product code, upper-cased.' },
    { name: 'description', type: 'VARCHAR', description: 'Canonical description (rule above); null when no line has one.', nullable: true },
    count('description_count', 'Distinct descriptions written for the code.'),
    { name: 'is_service', type: 'BOOLEAN', description: 'Postage, fees, manual lines, vouchers and other non-products.' },
    { name: 'category', type: 'VARCHAR', description: 'Product category from keyword rules.' },
    { name: 'category_keyword', type: 'VARCHAR', description: 'The keyword that decided the category; null for Other and services.', nullable: true },
    { name: 'first_sold_at', type: 'TIMESTAMP', description: 'First non-cancellation line.', format: 'datetime', nullable: true },
    { name: 'last_sold_at', type: 'TIMESTAMP', description: 'Last non-cancellation line.', format: 'datetime', nullable: true },
    money('typical_unit_price', 'Median unit price of its sales with a positive price.', true),
  ],
});
