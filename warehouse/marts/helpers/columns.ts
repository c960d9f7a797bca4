import { type ColumnSpec } from '../../spec/types.js';

/** Column builders and wording shared by several marts tables, so their descriptions agree. */
export const MATCH_LABELS = ['matched', 'partially_matched', 'unmatched_already_cancelled', 'unmatched_no_prior_order', 'unmatched_no_customer'] as const;
export const LINE_TYPES = ['sale', 'cancellation', 'adjustment', 'stock_correction'] as const;
export const INVOICE_TYPES = ['sale', 'cancellation', 'adjustment', 'stock_correction'] as const;

export const money = (name: string, description: string, nullable = false): ColumnSpec => ({ name, type: 'DECIMAL(18,3)', description, format: 'money', nullable });
export const count = (name: string, description: string): ColumnSpec => ({ name, type: 'INTEGER', description, format: 'integer' });
export const rate = (name: string, description: string, nullable = true): ColumnSpec => ({ name, type: 'DOUBLE', description, format: 'percent', nullable });

/** Sum of a column over sale lines of the fact, for reconciliation tests. */
export const SALES = `(select * from fact_invoice_line where line_type = 'sale')`;
