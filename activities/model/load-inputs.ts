import type { DuckDBListValue } from '@duckdb/node-api';
import type { CustomerHistory } from '../../analytics/churn-features.js';
import type { Database } from '../../warehouse/db.js';
import { sql } from '../../warehouse/sql.js';

export interface ModelInputs {
  histories: CustomerHistory[];
  /** True when purchases are net of matched cancellations (the fact has net_quantity). */
  purchaseLines: number;
  /** The last invoice time in the data (all lines, guests included), epoch ms. */
  lastInvoiceAt: number;
}

/**
 * Defines the temp view `model_purchase_line` (net of matched cancellations) and reads every known customer's orders and product first-purchase
 * times into memory, sorted by customer id and time, as the analytics expect.
 */
export async function loadModelInputs(db: Database): Promise<ModelInputs> {
  await db.run(sql('analytics/model_purchase_line.sql'));
  const purchaseLines = await db.number('select count(*) from model_purchase_line');
  const lastInvoiceAt = await db.number('select coalesce(epoch_ms(max(invoiced_at)), 0) from fact_invoice_line');

  // Columnar reads: tens of thousands of orders, far faster than row objects.
  const orders = await (
    await db.connection.runAndReadAll(
      `select customer_id::varchar as id, epoch_ms(min(invoiced_at))::double as at_ms, sum(amount)::double as amount
       from model_purchase_line
       group by customer_id, invoice_no
       order by customer_id, at_ms, invoice_no`,
    )
  ).getColumns();
  const products = await (
    await db.connection.runAndReadAll(
      `with firsts as (
           select customer_id, epoch_ms(min(invoiced_at))::double as first_ms from model_purchase_line group by customer_id, stock_code
       )
       select customer_id::varchar as id, list(first_ms order by first_ms) as first_seen
       from firsts group by customer_id order by customer_id`,
    )
  ).getColumns();

  const firstSeen = new Map<string, number[]>();
  const [productIds = [], lists = []] = products;
  productIds.forEach((id, i) => firstSeen.set(id as string, ((lists[i] as DuckDBListValue).items as number[]).slice()));
  const histories: CustomerHistory[] = [];
  const [ids = [], at = [], amount = []] = orders;
  let current: CustomerHistory | undefined;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as string;
    if (current?.customerId !== id) {
      current = { customerId: id, orders: [], productFirstSeen: firstSeen.get(id) ?? [] };
      histories.push(current);
    }
    current.orders.push({ at: at[i] as number, amount: amount[i] as number });
  }
  return { histories, purchaseLines, lastInvoiceAt };
}
