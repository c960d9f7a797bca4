import type { Database } from '../../warehouse/db.js';

/** One basket line of the hand-made fixture: invoice, customer (null = guest), product, day. */
export type BasketLine = [invoice: string, customer: number | null, stock: string, day: string];

/** A matched cancellation of a whole fixture line: which line (0-based index into the lines), on which day. */
export type BasketCancellation = [line: number, day: string];

/**
 * Creates the mart tables the action SQL reads, with only the columns it uses, from basket lines
 * (quantity 1 at price 1, all plain sales) and optional cancellations of whole lines.
 */
export async function createBasketFixture(db: Database, lines: readonly BasketLine[], cancellations: readonly BasketCancellation[] = []): Promise<void> {
  await db.run(`create or replace table fact_invoice_line (
      line_id bigint, invoice_no varchar, customer_id bigint, stock_code varchar, invoiced_at timestamp, quantity integer, net_quantity integer,
      unit_price decimal(18, 3), is_cancellation boolean, is_adjustment boolean, is_service boolean, is_duplicate boolean)`);
  const cancelled = new Set(cancellations.map(([line]) => line));
  for (const [index, [invoice, customer, stock, day]] of lines.entries()) {
    await db.run(
      `insert into fact_invoice_line values ($id, $invoice, $customer, $stock, $at::timestamp, 1, $net, 1, false, false, false, false)`,
      { id: index + 1, invoice, customer, stock, at: `${day} 10:00:00`, net: cancelled.has(index) ? 0 : 1 },
    );
  }
  await db.run('create or replace table fact_cancellation (order_line_id bigint, quantity integer, cancelled_at timestamp, is_matched boolean)');
  for (const [line, day] of cancellations) {
    await db.run(`insert into fact_cancellation values ($id, 1, $at::timestamp, true)`, { id: line + 1, at: `${day} 12:00:00` });
  }
  await db.run(`create or replace table dim_product as
    select stock_code, 'PRODUCT ' || stock_code as description, 'Things' as category from (select distinct stock_code from fact_invoice_line)`);
}
