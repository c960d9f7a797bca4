import { FIRST_DAY, LAST_DAY, saleAfter, saleMinute, seasonalDay, dayOf } from './calendar.js';
import { ADJUSTMENT, GIFT_VOUCHER, HOME_COUNTRY, PRODUCTS, SERVICE_ITEMS, type Product, type ServiceCode } from './catalogue.js';
import type { Customer } from './customers.js';
import { round2, type Invoice, type InvoiceBook, type Quirk, type SaleLine } from './model.js';
import { PLAN, drawDistinct, hasStockCode } from './plan.js';
import type { Prng } from './prng.js';

function serviceLine(code: ServiceCode, quantity: number, unitPrice: number, quirks: Quirk[] = []): SaleLine {
  return { stockCode: code, description: SERVICE_ITEMS[code], quantity, unitPrice: round2(unitPrice), quirks };
}

/** An amount in pounds with pence, between `min` and `max`. */
function amount(rng: Prng, min: number, max: number): number {
  return round2(min + rng.next() * (max - min));
}

/**
 * Non-product lines added to existing invoices, where the real data has them: postage and carriage
 * on foreign customers' orders, manual entries and bank charges on customer orders, web-shop
 * postage, gift vouchers and a lower-case stock code on guest orders.
 */
export function plantServiceLines(rng: Prng, invoices: Invoice[]): void {
  const customerOrders = invoices.filter((inv) => inv.kind === 'order' && inv.customer !== null);
  const foreignOrders = customerOrders.filter((inv) => inv.country !== HOME_COUNTRY);
  const guestOrders = invoices.filter((inv) => inv.kind === 'order' && inv.customer === null);
  const nearOrders = foreignOrders.filter((inv) => inv.country === 'EIRE' || inv.country === 'Channel Islands');

  const add = (pool: Invoice[], count: number, what: string, make: () => SaleLine) => {
    const probe = make();
    for (const invoice of drawDistinct(rng, pool, count, what, (inv) => !hasStockCode(inv, probe.stockCode))) {
      invoice.lines.push(make());
    }
  };
  add(foreignOrders, PLAN.postage, 'postage lines', () => serviceLine('POST', rng.int(1, 4), rng.pick([15, 18, 28, 40])));
  add(nearOrders.length >= PLAN.carriage ? nearOrders : foreignOrders, PLAN.carriage, 'carriage lines', () => serviceLine('C2', 1, 50));
  add(customerOrders, PLAN.manual, 'manual lines', () => serviceLine('M', 1, rng.pick([0.85, 1.25, 2.55, 18.95, 45, 150])));
  add(customerOrders, PLAN.bankCharges, 'bank charges', () => serviceLine('BANK CHARGES', 1, 15));
  add(guestOrders, PLAN.dotcomPostage, 'web-shop postage lines', () => serviceLine('DOT', 1, amount(rng, 90, 900)));
  add(guestOrders, PLAN.giftVouchers, 'gift vouchers', () => ({
    ...GIFT_VOUCHER,
    quantity: 1,
    unitPrice: rng.pick([16.67, 17.02]),
    quirks: [],
  }));
  const heart = PRODUCTS[0] as Product;
  add(guestOrders, PLAN.lowercaseStockCodes, 'lower-case stock codes', () => ({
    stockCode: heart.stockCode.toLowerCase(),
    description: heart.description,
    quantity: rng.int(20, 50),
    unitPrice: 6.77,
    quirks: ['lowercase-stock-code'],
  }));
}

/**
 * Invoices of their own: stock written off without a description (some with negative quantities
 * outside any cancellation), bad-debt adjustments, and the `C` invoices for discounts, charity
 * commission and marketplace fees, which cancel nothing the customer bought.
 */
export function plantBookkeepingInvoices(rng: Prng, book: InvoiceBook, customers: Customer[]): void {
  for (let i = 0; i < PLAN.missingDescriptions; i++) {
    const product = rng.pick(PRODUCTS.slice(0, 60));
    const negative = i % 2 === 1;
    const quirks: Quirk[] = ['missing-description', 'zero-price'];
    if (negative) quirks.push('negative-quantity');
    book.add({
      kind: 'order',
      at: saleMinute(rng, seasonalDay(rng, FIRST_DAY, LAST_DAY)),
      customer: null,
      country: HOME_COUNTRY,
      lines: [{ stockCode: product.stockCode, description: null, quantity: negative ? -rng.int(1, 100) : rng.int(1, 60), unitPrice: 0, quirks }],
    });
  }

  // One debt written on and off again within minutes, as the real data's three `A` invoices are.
  const debt = amount(rng, 1000, 12000);
  const day = seasonalDay(rng, dayOf(2011, 8, 1), dayOf(2011, 8, 31));
  const start = saleMinute(rng, day);
  for (let i = 0; i < PLAN.adjustments; i++) {
    const price = i === 0 ? debt : -debt;
    const quirks: Quirk[] = price < 0 ? ['adjustment', 'negative-price'] : ['adjustment'];
    book.add({
      kind: 'adjustment',
      at: start + i,
      customer: null,
      country: HOME_COUNTRY,
      lines: [{ ...ADJUSTMENT, quantity: 1, unitPrice: price, quirks }],
    });
  }

  const unmatched: Quirk[] = ['unmatched-cancellation'];
  const buyers = customers.filter((c) => c.segment !== 'one-off');
  for (let i = 0; i < PLAN.discounts; i++) {
    const customer = rng.pick(buyers);
    const at = saleAfter(rng, saleMinute(rng, seasonalDay(rng, FIRST_DAY, LAST_DAY - 10)), 5) ?? saleMinute(rng, LAST_DAY);
    book.add({ kind: 'cancellation', at, customer, country: customer.country, lines: [serviceLine('D', -1, amount(rng, 5, 60), [...unmatched])] });
  }
  const charity = buyers.find((c) => c.segment === 'loyal' && c.country === HOME_COUNTRY) ?? (buyers[0] as Customer);
  for (let i = 0; i < PLAN.crukCommissions; i++) {
    const at = saleMinute(rng, seasonalDay(rng, dayOf(2011, 7, 1), LAST_DAY));
    book.add({ kind: 'cancellation', at, customer: charity, country: charity.country, lines: [serviceLine('CRUK', -1, amount(rng, 1, 20), [...unmatched])] });
  }
  for (let i = 0; i < PLAN.amazonFees; i++) {
    const at = saleMinute(rng, seasonalDay(rng, FIRST_DAY, LAST_DAY));
    book.add({ kind: 'cancellation', at, customer: null, country: HOME_COUNTRY, lines: [serviceLine('AMAZONFEE', -1, amount(rng, 1, 14000), [...unmatched])] });
  }
}
