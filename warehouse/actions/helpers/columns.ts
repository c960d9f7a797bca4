import { type ColumnSpec } from '../../spec/types.js';

/** Column builders and wording shared by several actions tables, so their descriptions agree. */
/** The lines every action table reads, stated once so the descriptions agree. */
export const BASKET_LINES =
  'Basket lines are sale lines (positive quantity, not cancellations, adjustments or stock corrections) of products (no service codes), ' +
  'not exact duplicates and not fully cancelled (net_quantity > 0); guest invoices count as baskets for the rules.';

export const RECOMMENDATION_METHODS = ['association_rules', 'most_popular'] as const;
export const REASON_KINDS = ['association', 'popular'] as const;

export const customerId: ColumnSpec = { name: 'customer_id', type: 'BIGINT', description: 'Customer number.' };
export const toCustomer = { columns: ['customer_id'], references: { table: 'dim_customer', columns: ['customer_id'] } } as const;
export const toProduct = (column: string) => ({ columns: [column], references: { table: 'dim_product', columns: ['stock_code'] } }) as const;
