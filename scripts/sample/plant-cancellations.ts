import { FIRST_DAY, nextTradingDay, saleAfter, saleMinute, type Minute } from './calendar.js';
import { PRODUCTS } from './catalogue.js';
import type { Customer } from './customers.js';
import type { Invoice, InvoiceBook, Quirk, SaleLine } from './model.js';
import { PLAN, plainCustomerLines, type LineRef } from './plan.js';
import type { Prng } from './prng.js';

/** Cancellations follow their order within this many days. */
const CANCEL_WITHIN_DAYS = 20;

function cancellationLine(line: SaleLine, quantity: number, quirk: Quirk): SaleLine {
  return { stockCode: line.stockCode, description: line.description, quantity: -quantity, unitPrice: line.unitPrice, quirks: [quirk] };
}

/** Quantities the customer ordered of a stock code before a moment (what a cancellation could match). */
function earlierQuantities(invoices: readonly Invoice[], customer: Customer, stockCode: string, before: Minute): Set<number> {
  const out = new Set<number>();
  for (const inv of invoices) {
    if (inv.kind !== 'order' || inv.customer !== customer || inv.at >= before) continue;
    for (const line of inv.lines) if (line.stockCode === stockCode) out.add(line.quantity);
  }
  return out;
}

/**
 * `C` invoices for the same customer and stock code as an earlier order: some cancel whole lines
 * (several lines of one order in one invoice), some only part of a line's quantity, and a few cancel
 * orders placed before the data starts, so nothing in the data matches them.
 */
export function plantCancellations(rng: Prng, book: InvoiceBook): void {
  const orders = [...book.invoices];
  const used = new Set<SaleLine>();
  const free = (ref: LineRef) => !used.has(ref.line);

  for (const size of PLAN.fullCancellationInvoices) {
    const candidates = rng.shuffle(plainCustomerLines(orders).filter(free));
    let placed = false;
    for (const { invoice } of candidates) {
      const lines = invoice.lines.filter((l) => l.quirks.length === 0 && !used.has(l));
      const at = lines.length >= size ? saleAfter(rng, invoice.at, CANCEL_WITHIN_DAYS) : undefined;
      if (at === undefined || !invoice.customer) continue;
      const cancelled = rng.shuffle(lines).slice(0, size);
      cancelled.forEach((l) => used.add(l));
      const customer = invoice.customer;
      book.add({ kind: 'cancellation', at, customer, country: invoice.country, lines: cancelled.map((l) => cancellationLine(l, l.quantity, 'full-cancellation')) });
      placed = true;
      break;
    }
    if (!placed) throw new Error('sample: no order to cancel in full; ask for more lines');
  }

  let partial = 0;
  for (const { invoice, line } of rng.shuffle(plainCustomerLines(orders).filter(free))) {
    if (partial === PLAN.partialCancellations) break;
    const customer = invoice.customer;
    if (!customer || line.quantity < 2) continue;
    const at = saleAfter(rng, invoice.at, CANCEL_WITHIN_DAYS);
    if (at === undefined) continue;
    // A partial quantity must not equal any earlier order of the same item, or it would read as a full one.
    const taken = earlierQuantities(orders, customer, line.stockCode, at);
    const options = Array.from({ length: line.quantity - 1 }, (_, i) => i + 1).filter((q) => !taken.has(q));
    if (options.length === 0) continue;
    used.add(line);
    book.add({ kind: 'cancellation', at, customer, country: invoice.country, lines: [cancellationLine(line, rng.pick(options), 'partial-cancellation')] });
    partial++;
  }
  if (partial < PLAN.partialCancellations) throw new Error('sample: too few orders to cancel in part; ask for more lines');

  // Early in the data, for items the customer has not bought yet: the order predates the data.
  const buyers = [...new Set(orders.flatMap((inv) => (inv.customer ? [inv.customer] : [])))];
  let unmatched = 0;
  for (const customer of rng.shuffle(buyers)) {
    if (unmatched === PLAN.unmatchedCancellations) break;
    const at = saleMinute(rng, nextTradingDay(FIRST_DAY + rng.int(0, 6)));
    const product = PRODUCTS.slice(0, 60).find((p) => earlierQuantities(orders, customer, p.stockCode, at).size === 0);
    if (!product) continue;
    const line: SaleLine = { stockCode: product.stockCode, description: product.description, quantity: rng.pick([1, 2, 3, 6, 12]), unitPrice: product.unitPrice, quirks: [] };
    book.add({ kind: 'cancellation', at, customer, country: customer.country, lines: [cancellationLine(line, line.quantity, 'unmatched-cancellation')] });
    unmatched++;
  }
}
