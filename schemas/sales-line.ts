import { z } from 'zod';

/**
 * The sales-line contract. SQL does the bulk typing (warehouse/staging/stg_sales_lines.sql); these
 * schemas hold the same contract wherever rows cross into JavaScript: the Excel reader checks every
 * row it stages, and tests check sampled staged rows. test/extract/sales-line-contract.test.ts keeps
 * them in step with the table specification (warehouse/staging/raw_sales_lines.ts and stg_sales_lines.ts).
 */

/** The eight input columns in canonical order, with the header names each may carry in a file. */
export const INPUT_COLUMNS = [
  { column: 'invoice_no', header: 'InvoiceNo', aliases: ['InvoiceNo', 'Invoice'] },
  { column: 'stock_code', header: 'StockCode', aliases: ['StockCode'] },
  { column: 'description', header: 'Description', aliases: ['Description'] },
  { column: 'quantity', header: 'Quantity', aliases: ['Quantity'] },
  { column: 'invoice_date', header: 'InvoiceDate', aliases: ['InvoiceDate'] },
  { column: 'unit_price', header: 'UnitPrice', aliases: ['UnitPrice', 'Price'] },
  { column: 'customer_id', header: 'CustomerID', aliases: ['CustomerID', 'Customer ID'] },
  { column: 'country', header: 'Country', aliases: ['Country'] },
] as const;

export type InputColumn = (typeof INPUT_COLUMNS)[number]['column'];

const rawText = z.string().nullable();

/**
 * One input line as read, before any parsing: where it came from and its eight values as text
 * (null = empty). Mirrors `raw_sales_lines`.
 */
export const RawSalesLineSchema = z.object({
  source_file: z.string().min(1),
  line_number: z.number().int().min(2),
  invoice_no: rawText,
  stock_code: rawText,
  description: rawText,
  quantity: rawText,
  invoice_date: rawText,
  unit_price: rawText,
  customer_id: rawText,
  country: rawText,
  /** Physical lines a CSV line covers when its quotes hold line breaks (absent or null: one). */
  spanned_lines: z.number().int().min(2).nullable().optional(),
  /** How many of those later lines read as sales lines of their own (then the line is quarantined). */
  swallowed_sales_lines: z.number().int().min(0).nullable().optional(),
});
export type RawSalesLine = z.infer<typeof RawSalesLineSchema>;

/** An exact decimal with at most three decimals, as DuckDB returns DECIMAL(18,3) in JSON. */
const money = z.string().regex(/^-?\d+(\.\d{1,3})?$/, 'decimal with at most 3 places');
/** BIGINT as DuckDB returns it in JSON (a string, to keep 64-bit precision). */
const bigintText = z.string().regex(/^-?\d+$/, 'whole number');

/**
 * One staged line (`stg_sales_lines`) as `getRowObjectsJson()` returns it, with the contract's
 * cross-column rules: flags agree with the values they are derived from.
 */
export const StagedSalesLineSchema = z
  .object({
    line_id: bigintText,
    source_file: z.string().min(1),
    line_number: bigintText,
    invoice_no: z.string().min(1).regex(/^\S([\s\S]*\S)?$/, 'trimmed'),
    stock_code: z.string().min(1).refine((s) => s === s.toUpperCase() && s === s.trim(), 'upper-case and trimmed'),
    description: z.string().min(1).regex(/^\S([\s\S]*\S)?$/, 'trimmed').nullable(),
    quantity: z.number().int(),
    invoiced_at: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'timestamp'),
    unit_price: money,
    line_amount: money,
    customer_id: bigintText.nullable(),
    country: z.string().min(1),
    is_cancellation: z.boolean(),
    is_adjustment: z.boolean(),
    is_service: z.boolean(),
    is_duplicate: z.boolean(),
    is_guest: z.boolean(),
    is_nonpositive_price: z.boolean(),
  })
  .superRefine((line, ctx) => {
    const check = (ok: boolean, message: string) => {
      if (!ok) ctx.addIssue({ code: 'custom', message });
    };
    check(line.is_cancellation === line.invoice_no.startsWith('C'), 'is_cancellation agrees with invoice_no');
    check(line.is_adjustment === line.invoice_no.startsWith('A'), 'is_adjustment agrees with invoice_no');
    check(line.is_guest === (line.customer_id === null), 'is_guest agrees with customer_id');
    check(line.is_nonpositive_price === Number(line.unit_price) <= 0, 'is_nonpositive_price agrees with unit_price');
    // Exact in thousandths: the amount is quantity x price, not a float approximation of it.
    check(thousandths(line.line_amount) === BigInt(line.quantity) * thousandths(line.unit_price), 'line_amount = quantity x unit_price');
  });
export type StagedSalesLine = z.infer<typeof StagedSalesLineSchema>;

/** A decimal string as a whole number of thousandths, for exact comparisons. */
function thousandths(text: string): bigint {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const value = BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, '0').slice(0, 3));
  return negative ? -value : value;
}

/**
 * A cell value as exceljs' streaming reader hands it over, turned into the text a CSV would hold:
 * numbers without a trailing `.0`, rich text and formula results as their text, empty as null.
 * Date values become `YYYY-MM-DD HH:MM:SS`: exceljs builds them as UTC instants from the serial
 * number, so the UTC fields are the wall-clock time written in the workbook. Rounding to the second
 * absorbs the serial's floating-point error (08:25:59.999 is 08:26:00).
 */
export const ExcelCellSchema = z
  .union([
    // The common cases first: a union tries its members in order.
    z.string(),
    z.number(),
    z.null(),
    z.undefined(),
    z.date(),
    z.boolean(),
    z.object({ richText: z.array(z.object({ text: z.string() })) }),
    z.object({ text: z.string(), hyperlink: z.string() }),
    z.object({ formula: z.string(), result: z.union([z.string(), z.number(), z.boolean(), z.date()]).optional() }),
    z.object({ error: z.string() }),
  ])
  .transform((value): string | null => cellText(value));

type ExcelCell = string | number | boolean | Date | null | undefined | Record<string, unknown>;

function cellText(value: ExcelCell): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  // A workbook number is a double, and Excel shows (and means) at most 15 significant digits of it:
  // a price typed as 0.85 may be stored as 0.85000000000000009, which in full would break the
  // three-decimal money rule. Fifteen digits give the text the workbook shows.
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : null;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return excelDateText(value);
  if ('richText' in value) return cellText((value.richText as { text: string }[]).map((r) => r.text).join(''));
  if ('hyperlink' in value) return cellText(value.text as string);
  if ('formula' in value) return cellText(value.result as ExcelCell);
  if ('error' in value) return value.error as string;
  return null;
}

/** The cells nearly every row holds: text, a finite number or nothing. */
export type PlainCell = string | number | null | undefined;

export function isPlainCell(value: unknown): value is PlainCell {
  return value === null || value === undefined || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * What ExcelCellSchema makes of a plain cell, without the union's tries: a row of plain cells takes
 * this path and any other row goes through the schema (a test holds the two equal).
 */
export function plainCellText(value: PlainCell): string | null {
  return cellText(value);
}

/** Formats an exceljs date cell as the wall-clock timestamp the workbook shows. */
export function excelDateText(date: Date): string {
  const rounded = new Date(Math.round(date.getTime() / 1000) * 1000);
  return rounded.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * One workbook row on its way to `raw_sales_lines`: the cells exceljs produced for the eight input
 * columns, each turned into text. The output has the shape of RawSalesLineSchema.
 */
export const ExcelSalesLineSchema = z.object({
  source_file: z.string().min(1),
  line_number: z.number().int().min(2),
  invoice_no: ExcelCellSchema,
  stock_code: ExcelCellSchema,
  description: ExcelCellSchema,
  quantity: ExcelCellSchema,
  invoice_date: ExcelCellSchema,
  unit_price: ExcelCellSchema,
  customer_id: ExcelCellSchema,
  country: ExcelCellSchema,
});
