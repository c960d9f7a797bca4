import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { parseInvoiceDate } from '../../scripts/sample/calendar.js';
import { command } from '../helpers/command.js';
import { SAMPLE_HEADER, generateSample, generateSampleLines, writeSampleCsv, type SampleSummary } from '../../scripts/sample/sample-lines.js';

const tmp = mkdtempSync(join(tmpdir(), 'generate-sample-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Row {
  invoice: string;
  stockCode: string;
  description: string;
  quantity: number;
  at: number;
  unitPrice: string;
  customer: string;
  country: string;
}

function toRow(fields: string[]): Row {
  const [invoice, stockCode, description, quantity, date, unitPrice, customer, country] = fields as [string, string, string, string, string, string, string, string];
  return { invoice, stockCode, description, quantity: Number(quantity), at: parseInvoiceDate(date), unitPrice, customer, country };
}

/** A strict RFC 4180 reader, written independently of the generator's writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '"' && field === '') {
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new Error('unterminated quote');
        if (text[q + 1] === '"') j = q + 2;
        else {
          field = text.slice(i + 1, q).replace(/""/g, '"');
          i = q + 1;
          break;
        }
      }
      continue;
    }
    if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (ch === '\r') {
      throw new Error('CR in a file that should use LF only');
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) throw new Error('last line is not terminated');
  return rows;
}

/** Classifies every `C` line the way a reader of the data would: by earlier orders of that customer and item. */
function classifyCancellations(rows: Row[]): { full: number; partial: number; unmatched: number; other: number } {
  const counts = { full: 0, partial: 0, unmatched: 0, other: 0 };
  const orders = rows.filter((r) => /^\d/.test(r.invoice) && r.customer !== '');
  for (const c of rows.filter((r) => r.invoice.startsWith('C'))) {
    const earlier = c.customer === '' ? [] : orders.filter((o) => o.customer === c.customer && o.stockCode === c.stockCode && o.at < c.at);
    const wanted = -c.quantity;
    if (earlier.length === 0) counts.unmatched++;
    else if (earlier.some((o) => o.quantity === wanted)) counts.full++;
    else if (earlier.some((o) => o.quantity > wanted)) counts.partial++;
    else counts.other++;
  }
  return counts;
}

const SERVICE_CODES = ['POST', 'DOT', 'M', 'D', 'C2', 'BANK CHARGES', 'AMAZONFEE', 'CRUK'] as const;

describe('generateSampleLines', () => {
  it('gives the same rows for the same seed and different rows for another seed', () => {
    const a = generateSampleLines({ seed: 11 });
    const b = generateSampleLines({ seed: 11 });
    const c = generateSampleLines({ seed: 12 });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('writes byte-identical files for the same seed', () => {
    const first = join(tmp, 'first.csv');
    const second = join(tmp, 'second.csv');
    expect(writeSampleCsv(first, { seed: 5 })).toBe(4000);
    expect(writeSampleCsv(second, { seed: 5 })).toBe(4000);
    expect(readFileSync(second).equals(readFileSync(first))).toBe(true);
    writeSampleCsv(second, { seed: 6 });
    expect(readFileSync(second).equals(readFileSync(first))).toBe(false);
  });

  it('writes UTF-8 RFC 4180 text with LF endings that reads back to the same rows', () => {
    const file = join(tmp, 'roundtrip.csv');
    writeSampleCsv(file, { seed: 3, lines: 2000 });
    const bytes = readFileSync(file);
    const text = bytes.toString('utf8');
    expect(text).not.toContain('\r');
    expect(text.endsWith('\n')).toBe(true);
    expect(bytes.includes(Buffer.from([0xc2, 0xa3]))).toBe(true); // "£" in UTF-8
    expect(text).toContain('"RECORD FRAME 7"" SINGLE SIZE"');
    expect(text).toContain('"AIRLINE LOUNGE,METAL SIGN"');
    expect(parseCsv(text)).toEqual(generateSampleLines({ seed: 3, lines: 2000 }));
  });
});

describe.each([
  { seed: 20101201, lines: 4000 },
  { seed: 7, lines: 1500 },
  { seed: 424242, lines: 12000 },
])('the sample with seed $seed and $lines lines', ({ seed, lines }) => {
  const { rows: raw, summary } = generateSample({ seed, lines });
  const rows = raw.slice(1).map(toRow);
  const count = (pred: (r: Row) => boolean) => rows.filter(pred).length;

  it('has the header, exactly the asked number of rows, and 8 fields in every row', () => {
    expect(raw[0]).toEqual([...SAMPLE_HEADER]);
    expect(raw.length - 1).toBe(lines);
    expect(summary.rows).toBe(lines);
    expect(raw.every((r) => r.length === 8)).toBe(true);
  });

  it('spans 2010-12-01 to 2011-12-09 with dates written M/D/YYYY H:MM', () => {
    expect(raw.slice(1).every((r) => /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}$/.test(r[4] as string))).toBe(true);
    const times = rows.map((r) => r.at);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(parseInvoiceDate('12/1/2010 0:00'));
    expect(Math.max(...times)).toBeLessThanOrEqual(parseInvoiceDate('12/9/2011 12:50'));
    expect(Math.min(...times)).toBeLessThan(parseInvoiceDate('12/15/2010 0:00'));
    expect(Math.max(...times)).toBeGreaterThan(parseInvoiceDate('11/25/2011 0:00'));
  });

  it('has about 150 customers from 12346 up, 120 products and the expected countries', () => {
    const ids = new Set(rows.filter((r) => r.customer !== '').map((r) => Number(r.customer)));
    expect(ids.size).toBe(summary.customers);
    expect(ids.size).toBeGreaterThanOrEqual(140);
    expect(Math.min(...ids)).toBe(12346);
    const products = new Set(rows.filter((r) => /^\d{5}[A-Z]?$/.test(r.stockCode)).map((r) => r.stockCode));
    expect(products.size).toBeGreaterThanOrEqual(110);
    const countries = new Set(rows.map((r) => r.country));
    for (const c of ['United Kingdom', 'EIRE', 'Germany', 'France', 'RSA', 'Channel Islands', 'Unspecified', 'European Community']) {
      expect(countries).toContain(c);
    }
    expect(countries.size).toBe(summary.countries);
  });

  it('plants cancellations: full and partial ones matching earlier orders, and unmatched ones', () => {
    const classes = classifyCancellations(rows);
    expect(classes).toEqual({
      full: summary.fullCancellationLines,
      partial: summary.partialCancellationLines,
      unmatched: summary.unmatchedCancellationLines,
      other: 0,
    });
    expect(classes.full).toBeGreaterThanOrEqual(3);
    expect(classes.partial).toBeGreaterThanOrEqual(3);
    // Product lines with no earlier order, besides the discount/commission/fee lines.
    const unmatchedProducts = rows.filter((r) => r.invoice.startsWith('C') && /^\d{5}/.test(r.stockCode));
    expect(classifyCancellations(rows.filter((r) => !r.invoice.startsWith('C') || unmatchedProducts.includes(r))).unmatched).toBeGreaterThanOrEqual(1);
    expect(count((r) => r.invoice.startsWith('C'))).toBe(summary.cancellationLines);
    expect(count((r) => r.invoice.startsWith('C') && r.quantity >= 0)).toBe(0);
    expect(new Set(rows.filter((r) => r.invoice.startsWith('C')).map((r) => r.invoice)).size).toBe(summary.cancellationInvoices);
  });

  it('plants bad-debt adjustments, guest sales and exact duplicates', () => {
    const adjustments = rows.filter((r) => r.invoice.startsWith('A'));
    expect(adjustments.every((r) => r.stockCode === 'B' && r.description === 'Adjust bad debt' && r.customer === '')).toBe(true);
    expect(new Set(adjustments.map((r) => r.invoice)).size).toBe(summary.adjustmentInvoices);
    expect(summary.adjustmentInvoices).toBeGreaterThanOrEqual(1);
    expect(count((r) => Number(r.unitPrice) < 0)).toBe(summary.negativePriceLines);

    const guests = count((r) => r.customer === '');
    expect(guests).toBe(summary.missingCustomerLines);
    expect(guests / rows.length).toBeGreaterThan(0.15);
    expect(guests / rows.length).toBeLessThan(0.25);

    const distinct = new Set(raw.slice(1).map((r) => r.join('\u0001'))).size;
    expect(rows.length - distinct).toBe(summary.duplicateCopies);
    expect(summary.duplicateCopies).toBeGreaterThanOrEqual(3);
  });

  it('plants every service stock code and the gift voucher several times', () => {
    for (const code of SERVICE_CODES) {
      expect(count((r) => r.stockCode === code), code).toBe(summary.serviceLines[code]);
      expect(summary.serviceLines[code], code).toBeGreaterThanOrEqual(3);
    }
    const vouchers = count((r) => r.stockCode === 'gift_0001_20' && r.description === 'Dotcomgiftshop Gift Voucher £20.00');
    expect(vouchers).toBe(summary.giftVoucherLines);
    expect(vouchers).toBeGreaterThanOrEqual(3);
  });

  it('plants the messy values: zero prices, lower-case codes, padded, quoted and missing descriptions', () => {
    const expectations: Array<[keyof SampleSummary, (r: Row) => boolean]> = [
      ['zeroPriceLines', (r) => r.unitPrice === '0'],
      ['lowercaseStockCodeLines', (r) => /^\d{5}[a-z]$/.test(r.stockCode)],
      ['paddedDescriptionLines', (r) => r.description !== r.description.trim()],
      ['commaDescriptionLines', (r) => r.description.includes(',')],
      ['quoteDescriptionLines', (r) => r.description.includes('"')],
      ['missingDescriptionLines', (r) => r.description === ''],
      ['negativeQuantityLines', (r) => !r.invoice.startsWith('C') && r.quantity < 0],
    ];
    for (const [key, pred] of expectations) {
      expect(count(pred), key).toBe(summary[key]);
      expect(summary[key], key).toBeGreaterThanOrEqual(key === 'negativeQuantityLines' ? 1 : 3);
    }
    const lowercase = rows.find((r) => /^\d{5}[a-z]$/.test(r.stockCode));
    expect(rows.some((r) => r.stockCode === lowercase?.stockCode.toUpperCase())).toBe(true);
  });

  it('has stock codes whose description varies between lines', () => {
    const descriptions = new Map<string, Set<string>>();
    for (const r of rows) {
      if (r.description.trim() === '') continue;
      descriptions.set(r.stockCode, (descriptions.get(r.stockCode) ?? new Set()).add(r.description.trim()));
    }
    const varying = [...descriptions].filter(([, d]) => d.size > 1).map(([code]) => code).sort();
    expect(varying).toEqual(summary.varyingDescriptionStockCodes);
    expect(varying.length).toBeGreaterThanOrEqual(1);
  });
});

describe('customer behaviour in the default sample', () => {
  const rows = generateSampleLines().slice(1).map(toRow);
  const orders = rows.filter((r) => /^\d/.test(r.invoice) && r.customer !== '');
  const invoicesByCustomer = new Map<string, Map<string, number>>();
  for (const r of orders) {
    const m = invoicesByCustomer.get(r.customer) ?? new Map<string, number>();
    invoicesByCustomer.set(r.customer, m.set(r.invoice, r.at));
  }
  const histories = [...invoicesByCustomer.values()].map((m) => [...m.values()].sort((a, b) => a - b));

  it('has loyal repeat buyers, one-off buyers and customers who stop midway', () => {
    const september = parseInvoiceDate('9/1/2011 0:00');
    const october = parseInvoiceDate('10/15/2011 0:00');
    const loyal = histories.filter((h) => h.length >= 8 && (h.at(-1) as number) > october).length;
    const oneOff = histories.filter((h) => h.length === 1).length;
    const churned = histories.filter((h) => h.length >= 3 && (h.at(-1) as number) < september).length;
    expect(loyal).toBeGreaterThanOrEqual(15);
    expect(oneOff).toBeGreaterThanOrEqual(20);
    expect(churned).toBeGreaterThanOrEqual(15);
  });

  it('peaks in November', () => {
    const byMonth = new Map<string, number>();
    for (const r of rows) {
      const d = new Date(r.at * 60000);
      const key = `${d.getUTCFullYear()}-${d.getUTCMonth() + 1}`;
      byMonth.set(key, (byMonth.get(key) ?? 0) + 1);
    }
    const november = byMonth.get('2011-11') ?? 0;
    const janToOct = [...byMonth].filter(([k]) => k.startsWith('2011-') && k !== '2011-11' && k !== '2011-12').map(([, n]) => n);
    expect(janToOct).toHaveLength(10);
    expect(november).toBeGreaterThan((1.5 * janToOct.reduce((a, b) => a + b, 0)) / janToOct.length);
    expect(november).toBe(Math.max(...byMonth.values()));
  });
});

describe('scripts/generate-sample.ts', () => {

  it('writes the file it is asked for', () => {
    const out = join(tmp, 'cli', 'sample.csv');
    const run = spawnSync(...command('generate-sample', ['--out', out, '--seed', '9', '--lines', '1500']), { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('wrote 1500 rows');
    expect(readFileSync(out, 'utf8')).toBe(
      generateSampleLines({ seed: 9, lines: 1500 }).map((r) => r.map((f) => (/[",\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')).join('\n') + '\n',
    );
  });

  it('rejects an unknown flag with a one-line error and exit code 2', () => {
    const run = spawnSync(...command('generate-sample', ['--nope']), { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--nope');
  });
});
