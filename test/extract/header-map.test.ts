import { describe, expect, it } from 'vitest';

import { detectDelimiter, headerKey, mapHeader, splitCsvLine } from '../../activities/extract/header-map.js';
import { HEADERS } from '../fixtures/sales-lines.js';

describe('header mapping', () => {
  it('matches names without regard to case, spaces, underscores or a byte-order mark', () => {
    expect(headerKey('\uFEFFCustomer ID')).toBe('customerid');
    expect(headerKey(' unit_price ')).toBe('unitprice');
  });

  it('maps both layouts and tells them apart', () => {
    expect(mapHeader(HEADERS['Online Retail'], 'f')).toMatchObject({ layout: 'Online Retail', positions: { unit_price: 5, customer_id: 6 }, ignored: [] });
    expect(mapHeader(HEADERS['Online Retail II'], 'f')).toMatchObject({ layout: 'Online Retail II', positions: { invoice_no: 0, unit_price: 5 } });
    const shuffled = ['country', 'INVOICE', 'Notes', 'stock code', 'description', 'QUANTITY', 'invoice date', 'price', 'customer id'];
    expect(mapHeader(shuffled, 'f')).toMatchObject({ positions: { country: 0, invoice_no: 1, stock_code: 3, customer_id: 8 }, ignored: ['Notes'] });
  });

  it('names every missing column and a column given twice', () => {
    expect(() => mapHeader(['Invoice', 'StockCode', 'Description'], 'file.csv')).toThrow(
      'file.csv: missing required column Quantity, InvoiceDate, UnitPrice or Price, CustomerID or Customer ID, Country',
    );
    expect(() => mapHeader([...HEADERS['Online Retail'], 'Price'], 'file.csv')).toThrow('file.csv: column unit_price appears twice in the header (fields 6 and 9)');
  });

  it('detects the delimiter from the header and splits quoted fields', () => {
    expect(detectDelimiter(HEADERS['Online Retail'].join(';')).delimiter).toBe(';');
    expect(detectDelimiter(HEADERS['Online Retail II'].join(',')).delimiter).toBe(',');
    expect(detectDelimiter('"Invoice";"Stock;Code";Description').fields).toEqual(['Invoice', 'Stock;Code', 'Description']);
    expect(splitCsvLine('a,"b, ""c""",d', ',')).toEqual(['a', 'b, "c"', 'd']);
  });
});
