import type { Database } from '../../warehouse/db.js';
import { quoteIdent } from '../../warehouse/db.js';
import { stgSalesLines } from '../../warehouse/staging/index.js';

/** One hand-written sales line; flags and amounts are derived the way staging derives them. */
export interface FixtureLine {
  invoice: string;
  stock: string;
  qty: number;
  /** 'YYYY-MM-DD HH:MM' */
  at: string;
  /** Unit price as text, so that it stays exact. */
  price: string;
  customer?: number | null;
  country?: string;
  description?: string | null;
  duplicate?: boolean;
}

const SERVICE_CODES = new Set(['POST', 'DOT', 'M', 'D', 'C2', 'S', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'PADS', 'B']);

function isService(code: string): boolean {
  // As warehouse/staging/stg_sales_lines.sql decides it.
  return SERVICE_CODES.has(code) || ['GIFT_', 'DCGS', 'ADJUST', 'TEST'].some((prefix) => code.startsWith(prefix));
}

/** Row values by column name, for every column of the stg_sales_lines contract. */
function rowOf(line: FixtureLine, index: number): Record<string, string | number | boolean | null> {
  const customer = line.customer ?? null;
  return {
    line_id: index + 1,
    source_file: 'fixture.csv',
    line_number: index + 2,
    invoice_no: line.invoice,
    stock_code: line.stock.toUpperCase(),
    description: line.description === undefined ? `ITEM ${line.stock}` : line.description,
    quantity: line.qty,
    invoiced_at: `${line.at}:00`,
    unit_price: line.price,
    line_amount: null, // computed in SQL, exactly
    customer_id: customer,
    country: line.country ?? 'United Kingdom',
    is_cancellation: line.invoice.startsWith('C'),
    is_adjustment: line.invoice.startsWith('A'),
    is_service: isService(line.stock.toUpperCase()),
    is_duplicate: line.duplicate ?? false,
    is_guest: customer === null,
    is_nonpositive_price: Number(line.price) <= 0,
  };
}

/**
 * Creates `stg_sales_lines` with exactly the columns and types of its contract and inserts the given
 * lines (line ids 1, 2, ... in the order given). Fails if the contract gained a column this helper
 * does not know, so the fixtures cannot silently drift from staging.
 */
export async function createStagingFixture(db: Database, lines: readonly FixtureLine[]): Promise<void> {
  const columns = stgSalesLines.columns;
  await db.run(`create or replace table stg_sales_lines (${columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ')})`);
  for (const [i, line] of lines.entries()) {
    const row = rowOf(line, i);
    const params: Record<string, string | number | boolean | null> = {};
    const values = columns.map((c) => {
      if (!(c.name in row)) throw new Error(`staging fixture does not know column ${c.name} of stg_sales_lines`);
      if (c.name === 'line_amount') return `($quantity::INTEGER * $unit_price::DECIMAL(18,3))::DECIMAL(18,3)`;
      params[c.name] = row[c.name] ?? null;
      return `$${c.name}::${c.type}`;
    });
    await db.run(`insert into stg_sales_lines values (${values.join(', ')})`, { ...params, quantity: line.qty, unit_price: line.price });
  }
}
