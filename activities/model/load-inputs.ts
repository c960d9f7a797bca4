import { sharedFloat64, sharedInt32, type PackedAtCutoffs, type PackedHistories } from '../../analytics/packed-histories.js';
import type { Database } from '../../warehouse/db.js';
import { sql } from '../../warehouse/sql.js';
import { isoTimestamp, modelDates, type ModelDates } from '../../analytics/model-dates.js';

export interface ModelInputs {
  /** As of the end of the data (net of every matched cancellation): labels, current scores, segments. */
  histories: PackedHistories;
  /** As they stood at the training and test cutoffs: the features and BG/NBD inputs at those cutoffs. */
  atCutoffs: PackedAtCutoffs;
  dates: ModelDates;
  /** Purchase lines as of the end of the data (net of every matched cancellation). */
  purchaseLines: number;
  /** The last invoice time in the data (all lines, guests included), epoch ms. */
  lastInvoiceAt: number;
}

/**
 * Reads a query whose first column is the customer's index (ascending) and whose other columns are
 * numbers straight into typed arrays: no object per row, and the arrays can be shared with threads.
 * Returns where each customer's rows start, and one array per number column. The result is streamed
 * chunk by chunk: a materialised result would hold its rows in DuckDB's memory until JavaScript
 * collects it, taking from the memory limit the step's later queries need.
 */
async function readPerCustomer(db: Database, query: string, customers: number, numberColumns: number) {
  const result = await db.connection.stream(query);
  const start = sharedInt32(customers + 1);
  const chunks: Float64Array[][] = [];
  let rows = 0;
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const customer = chunk.getColumnVector(0);
    const copies = Array.from({ length: numberColumns }, () => new Float64Array(chunk.rowCount));
    for (let k = 0; k < numberColumns; k++) {
      const vector = chunk.getColumnVector(k + 1);
      const copy = copies[k] as Float64Array;
      for (let j = 0; j < chunk.rowCount; j++) copy[j] = vector.getItem(j) as number;
    }
    for (let j = 0; j < chunk.rowCount; j++) (start[(customer.getItem(j) as number) + 1] as number)++;
    chunks.push(copies);
    rows += chunk.rowCount;
  }
  for (let i = 0; i < customers; i++) (start[i + 1] as number) += start[i] as number;
  const values = Array.from({ length: numberColumns }, () => sharedFloat64(rows));
  let offset = 0;
  for (const copies of chunks) {
    copies.forEach((copy, k) => (values[k] as Float64Array).set(copy, offset));
    offset += (copies[0] as Float64Array).length;
  }
  return { start, values };
}

/**
 * Reads the orders and product first-purchase times of every customer of `source` (a relation with
 * model_purchase_line's columns), sorted by customer id and time, as the analytics expect, in packed
 * form (see analytics/packed-histories.ts).
 */
async function readHistories(db: Database, source: string): Promise<PackedHistories> {
  await db.run(`create or replace temp view model_history_line as select * from ${source}`);
  await db.run(sql('models/helpers/model_customer.sql'));
  const customerIds = (await (await db.connection.runAndReadAll('select customer_id::varchar from model_customer order by idx')).getColumns())[0] as string[] ?? [];
  const orders = await readPerCustomer(
    db,
    `select c.idx, o.at_ms, o.amount
     from (
         select customer_id, invoice_no, epoch_ms(min(invoiced_at))::double as at_ms, sum(amount)::double as amount
         from model_history_line group by customer_id, invoice_no
     ) o join model_customer c using (customer_id)
     order by c.idx, o.at_ms, o.invoice_no`,
    customerIds.length,
    2,
  );
  const products = await readPerCustomer(
    db,
    `select c.idx, p.first_ms
     from (
         select customer_id, epoch_ms(min(invoiced_at))::double as first_ms from model_history_line group by customer_id, stock_code
     ) p join model_customer c using (customer_id)
     order by c.idx, p.first_ms`,
    customerIds.length,
    1,
  );
  const [orderAt = sharedFloat64(0), orderAmount = sharedFloat64(0)] = orders.values;
  const [productFirstSeen = sharedFloat64(0)] = products.values;
  return { customerIds, orderStart: orders.start, orderAt, orderAmount, productStart: products.start, productFirstSeen };
}

/**
 * Defines `model_purchase_line` (net of every matched cancellation) and reads every known customer's
 * history from it; and, for the features at the training and test cutoffs, the histories as they
 * stood at each cutoff (purchases before it, net only of the cancellations dated before it), so that
 * no feature sees a cancellation made after its cutoff.
 */
export async function loadModelInputs(db: Database): Promise<ModelInputs> {
  await db.run(sql('models/helpers/model_purchase_line.sql'));
  const purchaseLines = await db.number('select count(*) from model_purchase_line');
  const lastInvoiceAt = await db.number('select coalesce(epoch_ms(max(invoiced_at)), 0) from fact_invoice_line');
  const dates = modelDates(lastInvoiceAt);
  const asOf = (d: Date) => `model_purchase_line_as_of('${isoTimestamp(d.getTime())}'::timestamp)`;
  const histories = await readHistories(db, 'model_purchase_line');
  const atCutoffs = {
    validation: await readHistories(db, asOf(dates.validationCutoff)),
    train: await readHistories(db, asOf(dates.trainCutoff)), test: await readHistories(db, asOf(dates.testCutoff)) };
  return { histories, atCutoffs, dates, purchaseLines, lastInvoiceAt };
}
