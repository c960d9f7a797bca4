import { describe, expect, it } from 'vitest';

import { ExcelCellSchema, ExcelSalesLineSchema, RawSalesLineSchema, excelDateText, isPlainCell, plainCellText } from '../../schemas/sales-line.js';

describe('Excel cells become the text a CSV would hold', () => {
  it('numbers, text, rich text, hyperlinks, formulas and empties', () => {
    const text = (v: unknown) => ExcelCellSchema.parse(v);
    expect(text(536365)).toBe('536365');
    expect(text(2.55)).toBe('2.55');
    expect(text(17850)).toBe('17850');
    // as Excel stores 0.85 and 6 after arithmetic: the text the workbook shows, 15 significant digits
    expect(text(0.85000000000000009)).toBe('0.85');
    expect(text(1.2500000000000002)).toBe('1.25');
    expect(text(6.000000000000001)).toBe('6');
    expect(text(0.001)).toBe('0.001');
    expect(text(123456789012)).toBe('123456789012');
    expect(text('85123A')).toBe('85123A');
    expect(text('')).toBeNull();
    expect(text(null)).toBeNull();
    expect(text(undefined)).toBeNull();
    expect(text({ richText: [{ text: 'WHITE ' }, { text: 'LANTERN' }] })).toBe('WHITE LANTERN');
    expect(text({ text: 'link', hyperlink: 'https://example.org' })).toBe('link');
    expect(text({ formula: 'A1*2', result: 12 })).toBe('12');
    expect(text({ error: '#N/A' })).toBe('#N/A');
    expect(ExcelCellSchema.safeParse({ unexpected: true }).success).toBe(false);
  });

  it('dates as wall-clock text, rounded to the second', () => {
    expect(excelDateText(new Date(Date.UTC(2010, 11, 1, 8, 25, 59, 999)))).toBe('2010-12-01 08:26:00');
    expect(ExcelCellSchema.parse(new Date(Date.UTC(2011, 11, 9, 12, 50)))).toBe('2011-12-09 12:50:00');
  });

  it('a whole row comes out in the raw-line shape', () => {
    const row = ExcelSalesLineSchema.parse({
      source_file: 'book.xlsx#Sheet1', line_number: 2, invoice_no: 536365, stock_code: 71053, description: 'WHITE METAL LANTERN',
      quantity: 6, invoice_date: new Date(Date.UTC(2010, 11, 1, 8, 26)), unit_price: 3.39, customer_id: 17850, country: 'United Kingdom',
    });
    expect(RawSalesLineSchema.parse(row)).toEqual({
      source_file: 'book.xlsx#Sheet1', line_number: 2, invoice_no: '536365', stock_code: '71053', description: 'WHITE METAL LANTERN',
      quantity: '6', invoice_date: '2010-12-01 08:26:00', unit_price: '3.39', customer_id: '17850', country: 'United Kingdom',
    });
  });
});

describe('plain cells', () => {
  it('read the same on the fast path as through the cell schema', () => {
    const values = ['', ' ', 'WHITE HANGING HEART', '£5 voucher', '"quoted"', '17850', 0, -3, 2.55, 17850, 1e21, 0.1 + 0.2, null, undefined];
    for (const value of values) {
      expect(isPlainCell(value)).toBe(true);
      expect(plainCellText(value)).toEqual(ExcelCellSchema.parse(value));
    }
    for (const other of [NaN, Infinity, true, new Date(0), { richText: [{ text: 'a' }] }, { formula: 'A1', result: 2 }]) expect(isPlainCell(other)).toBe(false);
  });
});
