import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { z } from 'zod';

import { PROJECT_ROOT } from '../../runtime/project.js';
import { formatInvoiceDate } from './calendar.js';
import { ALTERNATE_DESCRIPTIONS } from './catalogue.js';
import { toCsv } from './csv.js';
import { createCustomers } from './customers.js';
import { InvoiceBook, type Invoice } from './model.js';
import { createOrders } from './orders.js';
import { PLANTED_ROWS } from './plan.js';
import { plantCancellations } from './plant-cancellations.js';
import { plantBookkeepingInvoices, plantServiceLines } from './plant-extra-lines.js';
import { plantDuplicates, plantLineChanges } from './plant-line-changes.js';
import { Prng } from './prng.js';
import { summarize, type SampleSummary } from './summary.js';

export type { SampleSummary } from './summary.js';

/** Where the generator writes by default: data/sample/ in the project. */
export const DEFAULT_SAMPLE_PATH = join(PROJECT_ROOT, 'data', 'sample', 'online_retail_sample.csv');

/** The header of the UCI "Online Retail" CSV. */
export const SAMPLE_HEADER = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'] as const;

export const SampleOptionsSchema = z.object({
  seed: z.number().int().min(0).max(0xffffffff).default(20101201),
  /** Data rows in the file (the header not counted); the result has exactly this many. */
  lines: z.number().int().min(1500).max(20000).default(4000),
});
export type SampleOptions = z.input<typeof SampleOptionsSchema>;

/** The first invoice number of the real data; numbers rise with time from there. */
const FIRST_INVOICE_NUMBER = 536365;
const PREFIX: Record<Invoice['kind'], string> = { order: '', cancellation: 'C', adjustment: 'A' };

export interface Sample {
  /** Rows including the header, every row with 8 fields; empty string = null. */
  rows: string[][];
  summary: SampleSummary;
}

/**
 * Generates a small sales-lines file in the UCI "Online Retail" layout that carries every quirk of
 * the real data several times, with customers who behave like the real ones (loyal, one-off,
 * churning, seasonal). The same options always give the same rows.
 */
export function generateSample(options: SampleOptions = {}): Sample {
  const { seed, lines } = SampleOptionsSchema.parse(options);
  const rng = new Prng(seed);
  const book = new InvoiceBook();
  const customers = createCustomers(rng);

  createOrders(rng, book, customers, lines - PLANTED_ROWS);
  plantLineChanges(rng, book.invoices);
  plantServiceLines(rng, book.invoices);
  plantBookkeepingInvoices(rng, book, customers);
  plantCancellations(rng, book);
  plantDuplicates(rng, book.invoices);

  const invoices = numberInvoices(rng, book.invoices);
  const summary = summarize(seed, invoices, Object.keys(ALTERNATE_DESCRIPTIONS).sort());
  if (summary.rows !== lines) throw new Error(`sample: generated ${summary.rows} rows instead of ${lines}`);
  const rows: string[][] = [[...SAMPLE_HEADER]];
  for (const inv of invoices) {
    for (const line of inv.lines) {
      rows.push([
        inv.number as string,
        line.stockCode,
        line.description ?? '',
        String(line.quantity),
        formatInvoiceDate(inv.at),
        String(line.unitPrice),
        inv.customer ? String(inv.customer.id) : '',
        inv.country,
      ]);
    }
  }
  return { rows, summary };
}

/** Sorts invoices by time and gives them rising numbers with small gaps, prefixed `C` or `A` by kind. */
function numberInvoices(rng: Prng, invoices: Invoice[]): Invoice[] {
  const sorted = [...invoices].sort((a, b) => a.at - b.at || a.seq - b.seq);
  let next = FIRST_INVOICE_NUMBER;
  for (const inv of sorted) {
    inv.number = `${PREFIX[inv.kind]}${next}`;
    next += rng.chance(0.3) ? rng.int(2, 4) : 1;
  }
  return sorted;
}

/** The sample's rows, header first (see generateSample). */
export function generateSampleLines(options: SampleOptions = {}): string[][] {
  return generateSample(options).rows;
}

/**
 * Writes the sample as UTF-8 CSV (RFC 4180, LF) to `path`, creating folders and replacing the file
 * atomically; returns the number of data rows written (the header not counted).
 */
export function writeSampleCsv(path: string, options: SampleOptions = {}): number {
  const { rows } = generateSample(options);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, toCsv(rows), 'utf8');
  renameSync(tmp, path);
  return rows.length - 1;
}
