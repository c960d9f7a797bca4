import { ALTERNATE_DESCRIPTIONS, COMMA_PRODUCT, PRODUCTS, QUOTE_PRODUCT, type Product } from './catalogue.js';
import type { Invoice, SaleLine } from './model.js';
import { productLine } from './orders.js';
import { PLAN, drawDistinct, hasStockCode, plainCustomerLines, reserve, type LineRef } from './plan.js';
import type { Prng } from './prng.js';

/**
 * Quirks that change ordinary lines without adding rows: descriptions that need quoting, a stock
 * code sold under two descriptions, padded descriptions and free (zero-price) lines.
 */
export function plantLineChanges(rng: Prng, invoices: Invoice[]): void {
  replaceWith(rng, invoices, COMMA_PRODUCT, PLAN.commaDescriptions);
  replaceWith(rng, invoices, QUOTE_PRODUCT, PLAN.quoteDescriptions);

  for (const [stockCode, alternate] of Object.entries(ALTERNATE_DESCRIPTIONS)) {
    const product = PRODUCTS.find((p) => p.stockCode === stockCode) as Product;
    // The usual description must be present too, or nothing varies.
    for (const ref of replaceWith(rng, invoices, product, 2)) reserve(ref.line);
    for (const ref of replaceWith(rng, invoices, product, PLAN.alternateDescriptions)) {
      ref.line.description = alternate;
      ref.line.quirks.push('alternate-description');
    }
  }

  const padded = drawDistinct(rng, plainCustomerLines(invoices), PLAN.paddedDescriptions, 'padded descriptions');
  padded.forEach(({ line }, i) => {
    line.description = i === 0 ? ` ${line.description} ` : `${line.description} `;
    line.quirks.push('padded-description');
  });

  for (const { line } of drawDistinct(rng, plainCustomerLines(invoices), PLAN.zeroPrices, 'zero prices')) {
    line.unitPrice = 0;
    line.quirks.push('zero-price');
  }
}

/** Turns `count` plain lines into lines of `product`, each in an invoice that did not have it yet. */
function replaceWith(rng: Prng, invoices: Invoice[], product: Product, count: number): LineRef[] {
  const taken = new Set<Invoice>();
  const refs = drawDistinct(rng, plainCustomerLines(invoices), count, product.description, ({ invoice }) => {
    if (taken.has(invoice) || hasStockCode(invoice, product.stockCode)) return false;
    taken.add(invoice);
    return true;
  });
  for (const ref of refs) {
    const replacement: SaleLine = productLine(product, ref.line.quantity, product.unitPrice);
    Object.assign(ref.line, replacement);
  }
  return refs;
}

/** Exact copies of ordinary lines, placed right after their original as the real duplicates often are. */
export function plantDuplicates(rng: Prng, invoices: Invoice[]): void {
  for (const { invoice, line } of drawDistinct(rng, plainCustomerLines(invoices), PLAN.duplicateCopies, 'duplicates')) {
    const copy: SaleLine = { ...line, quirks: ['duplicate-copy'] };
    invoice.lines.splice(invoice.lines.indexOf(line) + 1, 0, copy);
  }
}
