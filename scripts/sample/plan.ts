import type { Invoice, SaleLine } from './model.js';
import type { Prng } from './prng.js';

/**
 * How many of each quirk of the real data the sample plants. Fixed numbers (not rates) so that
 * every seed and size carries each quirk several times.
 */
export const PLAN = {
  // Rows added on top of the ordinary lines.
  duplicateCopies: 10,
  /** Lines per fully cancelling `C` invoice. */
  fullCancellationInvoices: [2, 1, 2, 1],
  partialCancellations: 4,
  unmatchedCancellations: 2,
  discounts: 3,
  crukCommissions: 3,
  amazonFees: 3,
  adjustments: 3,
  postage: 4,
  dotcomPostage: 3,
  manual: 3,
  carriage: 3,
  bankCharges: 3,
  giftVouchers: 3,
  lowercaseStockCodes: 3,
  missingDescriptions: 4,
  // Changes to ordinary lines (no rows added).
  zeroPrices: 3,
  paddedDescriptions: 3,
  commaDescriptions: 3,
  quoteDescriptions: 3,
  /** Lines per varying stock code that carry the other description. */
  alternateDescriptions: 3,
} as const;

/** Rows the planted quirks add to the ordinary lines. */
export const PLANTED_ROWS =
  PLAN.duplicateCopies +
  PLAN.fullCancellationInvoices.reduce((a, b) => a + b, 0) +
  PLAN.partialCancellations +
  PLAN.unmatchedCancellations +
  PLAN.discounts +
  PLAN.crukCommissions +
  PLAN.amazonFees +
  PLAN.adjustments +
  PLAN.postage +
  PLAN.dotcomPostage +
  PLAN.manual +
  PLAN.carriage +
  PLAN.bankCharges +
  PLAN.giftVouchers +
  PLAN.lowercaseStockCodes +
  PLAN.missingDescriptions;

export interface LineRef {
  invoice: Invoice;
  line: SaleLine;
}

const reserved = new WeakSet<SaleLine>();

/** Keeps a line as it is: later quirks are not planted on it (it is what another quirk relies on). */
export function reserve(line: SaleLine): void {
  reserved.add(line);
}

/** Customer order lines with no quirk yet: the ones a quirk may be planted on. */
export function plainCustomerLines(invoices: readonly Invoice[]): LineRef[] {
  return invoices.flatMap((invoice) =>
    invoice.kind === 'order' && invoice.customer !== null
      ? invoice.lines.filter((line) => line.quirks.length === 0 && !reserved.has(line)).map((line) => ({ invoice, line }))
      : [],
  );
}

/** `count` distinct items, drawn in a seed-determined order; fails loudly if there are too few. */
export function drawDistinct<T>(rng: Prng, items: readonly T[], count: number, what: string, accept: (item: T) => boolean = () => true): T[] {
  const out: T[] = [];
  for (const item of rng.shuffle(items)) {
    if (out.length === count) break;
    if (accept(item)) out.push(item);
  }
  if (out.length < count) throw new Error(`sample: only ${out.length} places for ${count} ${what}; ask for more lines`);
  return out;
}

export function hasStockCode(invoice: Invoice, stockCode: string): boolean {
  return invoice.lines.some((line) => line.stockCode === stockCode);
}
