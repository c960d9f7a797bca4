import { basketSeason, seasonalDay, saleMinute, FIRST_DAY, LAST_DAY } from './calendar.js';
import { COMMA_PRODUCT, HOME_COUNTRY, PRODUCTS, QUOTE_PRODUCT, type Product } from './catalogue.js';
import { scheduleInvoices, type Customer } from './customers.js';
import { round2, type Invoice, type InvoiceBook, type Quirk, type SaleLine } from './model.js';
import type { Prng } from './prng.js';

/** Share of ordinary lines sold to guests (no CustomerID); the real data has about a quarter. */
const GUEST_SHARE = 0.19;
const GUEST_LINES_PER_INVOICE = 20;
/** Room below the catalogue size so distinct products can always be found for an invoice. */
const MAX_LINES_PER_INVOICE = 100;

const QUANTITIES = [1, 2, 3, 4, 6, 8, 10, 12, 24, 36, 48, 96] as const;
const QUANTITY_WEIGHTS = [10, 8, 5, 6, 12, 3, 4, 14, 6, 2, 2, 1] as const;
/** Best sellers sell far more often than the tail, roughly as in the real data. */
const POPULARITY = PRODUCTS.map((_, rank) => 1 / Math.pow(rank + 3, 0.9));

/** A catalogue line; the quoting-sensitive products are marked so their count is known. */
export function productLine(product: Product, quantity: number, unitPrice: number): SaleLine {
  const quirks: Quirk[] = [];
  if (product === COMMA_PRODUCT) quirks.push('comma-description');
  if (product === QUOTE_PRODUCT) quirks.push('quote-description');
  return { stockCode: product.stockCode, description: product.description, quantity, unitPrice, quirks };
}

/**
 * Ordinary sales: every customer's scheduled invoices plus guest invoices, filled with exactly
 * `lineBudget` product lines between them.
 */
export function createOrders(rng: Prng, book: InvoiceBook, customers: Customer[], lineBudget: number): void {
  const guestBudget = Math.round(lineBudget * GUEST_SHARE);
  const customerBudget = lineBudget - guestBudget;

  const customerInvoices: Invoice[] = [];
  for (const customer of customers) {
    for (const at of scheduleInvoices(rng, customer)) {
      customerInvoices.push(book.add({ kind: 'order', at, customer, country: customer.country, lines: [] }));
    }
  }
  const guestCount = Math.max(4, Math.round(guestBudget / GUEST_LINES_PER_INVOICE));
  const guestInvoices: Invoice[] = [];
  for (let i = 0; i < guestCount; i++) {
    const at = saleMinute(rng, seasonalDay(rng, FIRST_DAY, LAST_DAY));
    guestInvoices.push(book.add({ kind: 'order', at, customer: null, country: HOME_COUNTRY, lines: [] }));
  }

  const customerSizes = allocate(
    customerBudget,
    customerInvoices.map((inv) => (inv.customer?.basketSize ?? 1) * basketSeason(inv.at) * Math.exp(rng.normal() * 0.5)),
  );
  const guestSizes = allocate(guestBudget, guestInvoices.map((inv) => basketSeason(inv.at) * Math.exp(rng.normal() * 0.6)));
  customerInvoices.forEach((inv, i) => fillInvoice(rng, inv, customerSizes[i] as number));
  guestInvoices.forEach((inv, i) => fillInvoice(rng, inv, guestSizes[i] as number));
}

/**
 * Splits `total` into one whole size per weight, each at least 1 and at most the per-invoice cap,
 * summing exactly to `total` (largest remainders get the rounding).
 */
export function allocate(total: number, weights: number[]): number[] {
  const n = weights.length;
  if (total < n) throw new Error(`${total} lines cannot fill ${n} invoices; ask for more lines`);
  if (total > n * MAX_LINES_PER_INVOICE) throw new Error(`${total} lines do not fit in ${n} invoices; ask for fewer lines`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const spare = total - n;
  const exact = weights.map((w) => (w / sum) * spare);
  const sizes = exact.map((x) => 1 + Math.floor(x));
  let left = total - sizes.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) sizes[byRemainder[k]![1]]! += 1;
  // Move any excess above the cap to the smallest invoices, one line at a time.
  for (let i = 0; i < n; i++) {
    while ((sizes[i] as number) > MAX_LINES_PER_INVOICE) {
      const smallest = sizes.indexOf(Math.min(...sizes));
      sizes[i]! -= 1;
      sizes[smallest]! += 1;
    }
  }
  return sizes;
}

function fillInvoice(rng: Prng, invoice: Invoice, size: number): void {
  const chosen = new Set<Product>();
  const favourites = invoice.customer?.favourites ?? [];
  while (chosen.size < size) {
    const fromFavourites = favourites.length > 0 && rng.chance(0.55);
    let product = fromFavourites ? rng.pick(favourites) : (PRODUCTS[rng.weightedIndex(POPULARITY)] as Product);
    if (chosen.has(product)) product = PRODUCTS.find((p) => !chosen.has(p)) as Product;
    chosen.add(product);
  }
  for (const product of chosen) {
    const guest = invoice.customer === null;
    const quantity = guest ? rng.int(1, 4) : (QUANTITIES[rng.weightedIndex(QUANTITY_WEIGHTS)] as number);
    // Bulk buyers pay a lower unit price and guests a higher one, as the real price lists did.
    const price = guest ? product.unitPrice * 1.3 : quantity >= 24 ? product.unitPrice * 0.85 : product.unitPrice;
    invoice.lines.push(productLine(product, quantity, round2(price)));
  }
}
