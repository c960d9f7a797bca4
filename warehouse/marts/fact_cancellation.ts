import { defineTable } from '../spec/types.js';
import { MATCH_LABELS, money, count } from './helpers/columns.js';

/** The cancellation match. */
export const factCancellation = defineTable({
  name: 'fact_cancellation',
  description:
    'Each cancellation line with the earlier order line(s) of the same customer and stock code it cancels (warehouse/CANCELLATIONS.md): ' +
    'the latest earlier order line with enough units left takes it whole; otherwise it is split over earlier order lines, latest first. ' +
    'Units no order could take form a row of their own with no order line, labelled why.',
  grain: 'One (cancellation line, matched order line) pair, or the unmatched rest of a cancellation line.',
  layer: 'mart',
  sql: 'marts/fact_cancellation.sql',
  dependsOn: ['stg_sales_lines'],
  publish: true,
  excelSheet: 'Cancellations',
  primaryKey: ['cancellation_line_id', 'match_no'],
  storedInKeyOrder: true,
  foreignKeys: [
    { columns: ['cancellation_line_id'], references: { table: 'fact_invoice_line', columns: ['line_id'] } },
    { columns: ['order_line_id'], references: { table: 'fact_invoice_line', columns: ['line_id'] }, allowNull: true },
    { columns: ['customer_id'], references: { table: 'dim_customer', columns: ['customer_id'] }, allowNull: true },
    { columns: ['stock_code'], references: { table: 'dim_product', columns: ['stock_code'] } },
    { columns: ['country'], references: { table: 'dim_country', columns: ['country'] } },
    { columns: ['date_key'], references: { table: 'dim_date', columns: ['date_key'] } },
  ],
  columns: [
    { name: 'cancellation_line_id', type: 'BIGINT', description: 'The cancellation line (fact_invoice_line.line_id).' },
    count('match_no', 'Position of this part: 1 = latest matched order line; the unmatched rest comes last.'),
    { name: 'cancellation_invoice_no', type: 'VARCHAR', description: 'The C invoice.' },
    { name: 'order_line_id', type: 'BIGINT', description: 'The order line cancelled; null for the unmatched rest.', nullable: true },
    { name: 'order_invoice_no', type: 'VARCHAR', description: 'The invoice of the order line; null for the unmatched rest.', nullable: true },
    { name: 'customer_id', type: 'BIGINT', description: 'Customer; null for guest cancellations.', nullable: true },
    { name: 'stock_code', type: 'VARCHAR', description: 'Product code.' },
    { name: 'country', type: 'VARCHAR', description: 'Country of the cancellation invoice.' },
    { name: 'cancelled_at', type: 'TIMESTAMP', description: 'Date and time of the cancellation.', format: 'datetime' },
    { name: 'date_key', type: 'INTEGER', description: 'Cancellation date as yyyymmdd.' },
    { name: 'ordered_at', type: 'TIMESTAMP', description: 'Date and time of the order line; null for the unmatched rest.', format: 'datetime', nullable: true },
    { name: 'days_to_cancel', type: 'INTEGER', description: 'Days from order to cancellation; null for the unmatched rest.', format: 'integer', nullable: true },
    count('quantity', 'Units of the cancellation taken by this order line (or left unmatched), positive.'),
    money('cancelled_amount', 'quantity x the cancellation\'s unit price (what was credited).'),
    money('order_amount', 'quantity x the order line\'s unit price (the revenue taken back); null for the unmatched rest.', true),
    { name: 'is_matched', type: 'BOOLEAN', description: 'This row names an order line.' },
    { name: 'match_label', type: 'VARCHAR', description: 'Outcome for the whole cancellation line.', accepted: MATCH_LABELS },
  ],
  tests: [
    {
      name: 'fact_cancellation_units_reconcile_with_cancellations',
      description: 'Every cancellation line is here and its rows add up to exactly its units.',
      sql: `with lines as (select line_id, -quantity as units from fact_invoice_line where line_type = 'cancellation'),
                 rows as (select cancellation_line_id as line_id, sum(quantity) as units from fact_cancellation group by 1)
            select l.line_id, l.units as cancelled_units, r.units as recorded_units
            from lines l full join rows r using (line_id) where l.units is distinct from r.units`,
    },
    {
      name: 'fact_cancellation_units_reconcile_with_orders',
      description: 'Units matched to an order line equal its cancelled_quantity, and never exceed its quantity.',
      sql: `with matched as (select order_line_id as line_id, sum(quantity) as units from fact_cancellation where is_matched group by 1)
            select f.line_id, f.quantity, f.cancelled_quantity, m.units from fact_invoice_line f full join matched m using (line_id)
            where coalesce(f.cancelled_quantity, 0) <> coalesce(m.units, 0) or m.units > f.quantity`,
    },
    {
      name: 'fact_cancellation_matches_earlier_order_of_same_customer_and_product',
      description: 'A matched order line is a sale of the same customer and stock code, not later than the cancellation.',
      sql: `select c.cancellation_line_id, c.order_line_id from fact_cancellation c join fact_invoice_line o on o.line_id = c.order_line_id
            where o.line_type <> 'sale' or o.customer_id is distinct from c.customer_id or o.stock_code <> c.stock_code or o.invoiced_at > c.cancelled_at`,
    },
    {
      name: 'fact_cancellation_rows_agree_with_label',
      description: 'Quantities are positive; matched labels have matched rows, unmatched labels none, partial ones both.',
      sql: `select cancellation_line_id, any_value(match_label) as label, count(*) filter (where is_matched) as matched_rows,
                   count(*) filter (where not is_matched) as unmatched_rows, min(quantity) as min_quantity
            from fact_cancellation group by cancellation_line_id
            having min(quantity) <= 0 or count(distinct match_label) > 1
                or (any_value(match_label) = 'matched' and (count(*) filter (where not is_matched) > 0 or count(*) filter (where is_matched) = 0))
                or (any_value(match_label) = 'partially_matched' and (count(*) filter (where not is_matched) <> 1 or count(*) filter (where is_matched) = 0))
                or (any_value(match_label) like 'unmatched%' and count(*) filter (where is_matched) > 0)`,
    },
  ],
});
