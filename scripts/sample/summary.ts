import { formatInvoiceDate } from './calendar.js';
import { SERVICE_CODES, type ServiceCode } from './catalogue.js';
import type { Segment } from './customers.js';
import type { Invoice, Quirk } from './model.js';

/** What a generated sample contains: its size and how many of each planted quirk, for tests to assert. */
export interface SampleSummary {
  seed: number;
  /** Data rows, without the header. */
  rows: number;
  invoices: number;
  customers: number;
  customersBySegment: Record<Segment, number>;
  /** Distinct stock codes, exactly as written (so `85123a` counts apart from `85123A`). */
  stockCodes: number;
  countries: number;
  firstInvoiceDate: string;
  lastInvoiceDate: string;
  cancellationInvoices: number;
  cancellationLines: number;
  /** `C` lines whose quantity equals an earlier order line of the same customer and stock code. */
  fullCancellationLines: number;
  /** `C` lines for less than an earlier order line's quantity. */
  partialCancellationLines: number;
  /** `C` lines with no earlier order of the same customer and stock code (or no customer). */
  unmatchedCancellationLines: number;
  adjustmentInvoices: number;
  negativePriceLines: number;
  /** Lines with a negative quantity outside `C` invoices. */
  negativeQuantityLines: number;
  missingCustomerLines: number;
  /** Extra copies: rows minus distinct rows. */
  duplicateCopies: number;
  serviceLines: Record<ServiceCode, number>;
  giftVoucherLines: number;
  zeroPriceLines: number;
  lowercaseStockCodeLines: number;
  paddedDescriptionLines: number;
  commaDescriptionLines: number;
  quoteDescriptionLines: number;
  missingDescriptionLines: number;
  /** Lines that carry the second description of a stock code. */
  alternateDescriptionLines: number;
  /** Stock codes written with more than one (trimmed) description. */
  varyingDescriptionStockCodes: string[];
}

/** Counts the quirks each line was planted with, and the sample's overall shape. */
export function summarize(seed: number, invoices: readonly Invoice[], varyingDescriptionStockCodes: string[]): SampleSummary {
  const lines = invoices.flatMap((inv) => inv.lines.map((line) => ({ inv, line })));
  const tagged = (quirk: Quirk) => lines.filter(({ line }) => line.quirks.includes(quirk)).length;
  const customers = new Map(invoices.flatMap((inv) => (inv.customer ? [[inv.customer.id, inv.customer] as const] : [])));
  const customersBySegment: Record<Segment, number> = { loyal: 0, regular: 0, churner: 0, 'one-off': 0, newcomer: 0 };
  for (const c of customers.values()) customersBySegment[c.segment]++;
  const serviceLines = Object.fromEntries(SERVICE_CODES.map((code) => [code, lines.filter(({ line }) => line.stockCode === code).length])) as Record<ServiceCode, number>;
  const times = invoices.map((inv) => inv.at);
  const cancellations = invoices.filter((inv) => inv.kind === 'cancellation');

  return {
    seed,
    rows: lines.length,
    invoices: invoices.length,
    customers: customers.size,
    customersBySegment,
    stockCodes: new Set(lines.map(({ line }) => line.stockCode)).size,
    countries: new Set(invoices.map((inv) => inv.country)).size,
    firstInvoiceDate: formatInvoiceDate(Math.min(...times)),
    lastInvoiceDate: formatInvoiceDate(Math.max(...times)),
    cancellationInvoices: cancellations.length,
    cancellationLines: cancellations.reduce((n, inv) => n + inv.lines.length, 0),
    fullCancellationLines: tagged('full-cancellation'),
    partialCancellationLines: tagged('partial-cancellation'),
    unmatchedCancellationLines: tagged('unmatched-cancellation'),
    adjustmentInvoices: invoices.filter((inv) => inv.kind === 'adjustment').length,
    negativePriceLines: tagged('negative-price'),
    negativeQuantityLines: tagged('negative-quantity'),
    missingCustomerLines: lines.filter(({ inv }) => inv.customer === null).length,
    duplicateCopies: tagged('duplicate-copy'),
    serviceLines,
    giftVoucherLines: lines.filter(({ line }) => line.stockCode.startsWith('gift_0001_')).length,
    zeroPriceLines: tagged('zero-price'),
    lowercaseStockCodeLines: tagged('lowercase-stock-code'),
    paddedDescriptionLines: tagged('padded-description'),
    commaDescriptionLines: tagged('comma-description'),
    quoteDescriptionLines: tagged('quote-description'),
    missingDescriptionLines: tagged('missing-description'),
    alternateDescriptionLines: tagged('alternate-description'),
    varyingDescriptionStockCodes,
  };
}
