import type { Minute } from './calendar.js';
import type { Customer } from './customers.js';

/** Marks on a generated line saying which of the real data's quirks it carries. */
export type Quirk =
  | 'duplicate-copy'
  | 'full-cancellation'
  | 'partial-cancellation'
  | 'unmatched-cancellation'
  | 'adjustment'
  | 'zero-price'
  | 'negative-price'
  | 'negative-quantity'
  | 'lowercase-stock-code'
  | 'padded-description'
  | 'comma-description'
  | 'quote-description'
  | 'missing-description'
  | 'alternate-description';

export interface SaleLine {
  stockCode: string;
  /** Null is written as an empty field. */
  description: string | null;
  quantity: number;
  unitPrice: number;
  quirks: Quirk[];
}

export type InvoiceKind = 'order' | 'cancellation' | 'adjustment';

export interface Invoice {
  kind: InvoiceKind;
  at: Minute;
  /** Null for guest sales and bookkeeping entries. */
  customer: Customer | null;
  country: string;
  lines: SaleLine[];
  /** Creation order; breaks ties between invoices of the same minute so numbering is stable. */
  seq: number;
  /** Set once every invoice exists: numbers ascend with time, like the real data's. */
  number?: string;
}

/** Hands out creation sequence numbers. */
export class InvoiceBook {
  readonly invoices: Invoice[] = [];

  add(invoice: Omit<Invoice, 'seq'>): Invoice {
    const created = { ...invoice, seq: this.invoices.length };
    this.invoices.push(created);
    return created;
  }
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
