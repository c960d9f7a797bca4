import { mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';

import ExcelJS from 'exceljs';

import { withDatabase } from '../../warehouse/db.js';

/**
 * Writes the sales lines of a CSV file as an `.xlsx` workbook shaped like the original UCI
 * `Online Retail.xlsx`: numeric invoice numbers and stock codes as numbers, real Excel date cells,
 * numeric prices and customer ids. Rows are streamed with exceljs' WorkbookWriter so memory stays flat.
 * The file is written under a temporary name and renamed, so an interrupted run leaves no half file.
 */
export async function writeXlsxCopy(csvPath: string, xlsxPath: string): Promise<number> {
  mkdirSync(dirname(xlsxPath), { recursive: true });
  const partial = `${xlsxPath}.partial`;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: partial, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet('Online Retail');
  sheet.columns = [
    { header: 'InvoiceNo', key: 'invoice' },
    { header: 'StockCode', key: 'stock' },
    { header: 'Description', key: 'description' },
    { header: 'Quantity', key: 'quantity' },
    { header: 'InvoiceDate', key: 'date', style: { numFmt: 'm/d/yy h:mm' } },
    { header: 'UnitPrice', key: 'price' },
    { header: 'CustomerID', key: 'customer' },
    { header: 'Country', key: 'country' },
  ];
  let rows = 0;
  await withDatabase(':memory:', async (db) => {
    const result = await db.connection.stream(
      `select InvoiceNo, StockCode, Description, Quantity::integer as quantity,
              strptime(InvoiceDate, '%m/%d/%Y %H:%M') as invoiced_at, UnitPrice::double as price,
              CustomerID::double as customer, Country
       from read_csv($path, header = true, all_varchar = true)`,
      { path: csvPath },
    );
    for await (const chunk of result) {
      for (const [invoice, stock, description, quantity, at, price, customer, country] of chunk.getRows()) {
        const asNumber = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v);
        sheet
          .addRow([
            asNumber(invoice),
            asNumber(stock),
            description,
            quantity,
            // The workbook stores wall-clock time; exceljs treats Date values as UTC.
            at === null ? null : new Date(Number((at as { micros: bigint }).micros / 1000n)),
            price,
            customer,
            country,
          ])
          .commit();
        rows += 1;
      }
    }
  });
  sheet.commit();
  await workbook.commit();
  renameSync(partial, xlsxPath);
  return rows;
}
