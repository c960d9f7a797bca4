import type { Database } from '../../warehouse/db.js';

/** One basket line of the hand-made fixture: invoice, customer (null = guest), product, day. */
export type BasketLine = [invoice: string, customer: number | null, stock: string, day: string];

/**
 * Creates the two mart tables the action SQL reads, with only the columns it uses, from basket lines
 * (quantity 1 at price 1, all plain sales).
 */
export async function createBasketFixture(db: Database, lines: readonly BasketLine[]): Promise<void> {
  await db.run(`create or replace table fact_invoice_line (
      invoice_no varchar, customer_id bigint, stock_code varchar, invoiced_at timestamp, quantity integer, net_quantity integer,
      unit_price decimal(18, 3), is_cancellation boolean, is_adjustment boolean, is_service boolean, is_duplicate boolean)`);
  for (const [invoice, customer, stock, day] of lines) {
    await db.run(
      `insert into fact_invoice_line values ($invoice, $customer, $stock, $at::timestamp, 1, 1, 1, false, false, false, false)`,
      { invoice, customer, stock, at: `${day} 10:00:00` },
    );
  }
  await db.run(`create or replace table dim_product as
    select stock_code, 'PRODUCT ' || stock_code as description, 'Things' as category from (select distinct stock_code from fact_invoice_line)`);
}
