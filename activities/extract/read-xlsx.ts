import ExcelJS from 'exceljs';

import { ExcelCellSchema, ExcelSalesLineSchema, INPUT_COLUMNS, excelDateText, type RawSalesLine } from '../../schemas/sales-line.js';
import type { Database } from '../../warehouse/db.js';
import { BadInputError } from '../errors.js';
import { mapHeader, recognisedColumns, type HeaderMapping } from './header-map.js';
import { sheetSource, type LoadedSource } from './sources.js';

/** A first row with fewer recognised column names than this is not a sales sheet (notes, pivots). */
const MIN_RECOGNISED_FOR_DATA_SHEET = 3;
const PROGRESS_EVERY_ROWS = 50_000;

/** Excel serial day numbers of 1900-01-01 and 9999-12-31: a number in the date column within them is a date. */
const EXCEL_SERIAL_RANGE = [1, 2_958_465] as const;
/** Day 0 of Excel's 1900 date system (as Excel counts, with its phantom 29 February 1900) and of the 1904 system. */
const EXCEL_EPOCH_MS = { 1900: Date.UTC(1899, 11, 30), 1904: Date.UTC(1904, 0, 1) } as const;

/**
 * Streams every sheet of an .xlsx workbook into `raw_sales_lines` (exceljs' streaming reader, DuckDB
 * appender: memory stays flat and there is no per-row SQL). Each row's cells pass the zod row schema
 * on the way, which turns them into the text a CSV would hold (date cells into wall-clock
 * timestamps). Sheets whose first row is not a sales header are skipped and noted; a workbook with
 * no sales sheet at all is bad input.
 */
export async function loadWorkbook(db: Database, path: string, progress: (message: string) => void): Promise<LoadedSource[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    // Without styles exceljs hands date cells over as their serial numbers, which the date column
    // converts itself (see rowLine); reading the styles would cost a style object per cell.
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  // Lines go through a narrow buffer table (no source name per row: that is one append call in ten)
  // and move to raw_sales_lines in one statement per sheet.
  await db.run(BUFFER_TABLE_SQL);
  const appender = await db.connection.createAppender(BUFFER_TABLE);
  const sources: LoadedSource[] = [];
  const skipped: string[] = [];
  let sheetIndex = 0;
  try {
    for await (const worksheet of reader) {
      sheetIndex += 1;
      const sheet: SheetContext = {
        name: (worksheet as unknown as { name: string }).name,
        sourceFile: sheetSource(path, (worksheet as unknown as { name: string }).name),
        epochMs: (reader as unknown as WorkbookProperties).properties?.model?.date1904 ? EXCEL_EPOCH_MS[1904] : EXCEL_EPOCH_MS[1900],
        dates: new Map(),
      };
      const read = await readSheet(worksheet, sheet, appender, progress);
      if ('skipped' in read) {
        skipped.push(`${sheet.name} (${read.skipped})`);
        continue;
      }
      if (read.rows === 0) throw new BadInputError(`${sheet.sourceFile}: header only, no data rows`);
      appender.flushSync();
      await db.run(`insert into raw_sales_lines by name select $source_file as source_file, * from ${BUFFER_TABLE}`, { source_file: sheet.sourceFile });
      await db.run(`delete from ${BUFFER_TABLE}`);
      sources.push({
        sourceFile: sheet.sourceFile,
        inputFile: path,
        sheetName: sheet.name,
        sheetIndex,
        fileFormat: 'xlsx',
        compression: 'none',
        encoding: null,
        delimiter: null,
        headerLayout: read.mapping.layout,
        rowsRead: read.rows,
        physicalLines: null,
        notes: read.mapping.ignored.length ? [`${sheet.sourceFile}: ignored column(s) ${read.mapping.ignored.join(', ')}`] : [],
      });
    }
  } catch (err) {
    if (err instanceof BadInputError) throw err;
    throw new BadInputError(`${path}: not a readable .xlsx workbook (${(err as Error).message})`);
  } finally {
    appender.closeSync();
    await db.run(`drop table if exists ${BUFFER_TABLE}`);
  }
  if (sources.length === 0) {
    throw new BadInputError(`${path}: no sheet with the sales columns (${INPUT_COLUMNS.map((c) => c.header).join(', ')}); sheets: ${skipped.join('; ') || 'none'}`);
  }
  if (skipped.length) sources[0]?.notes.push(`${path}: skipped sheet(s) without sales columns: ${skipped.join('; ')}`);
  return sources;
}

interface SheetContext {
  name: string;
  sourceFile: string;
  /** Day 0 of the workbook's date system, as a UTC instant. */
  epochMs: number;
  /** Formatted date texts by serial: many lines share an invoice time. */
  dates: Map<number, string>;
}

type SheetRead = { mapping: HeaderMapping; rows: number } | { skipped: string };

/**
 * Reads one sheet: its first non-empty row must be a sales header (else the sheet is skipped), every
 * later non-empty row is appended. The whole sheet is always drained: the zip is read in one pass.
 */
async function readSheet(worksheet: unknown, sheet: SheetContext, appender: Appender, progress: (message: string) => void): Promise<SheetRead> {
  let mapping: HeaderMapping | undefined;
  let skipped: string | undefined;
  let rows = 0;
  for await (const batch of sheetRowBatches(worksheet)) {
    if (skipped) continue;
    for (const row of batch) {
      const values = row.values as unknown[];
      if (mapping) {
        const line = rowLine(values, mapping, sheet, row.number);
        if (!line) continue;
        appendLine(appender, line);
        rows += 1;
        if (rows % PROGRESS_EVERY_ROWS === 0) progress(`${sheet.sourceFile}: ${rows} rows`);
        continue;
      }
      const fields = values.slice(1).map((v) => ExcelCellSchema.parse(v) ?? '');
      if (fields.every((f) => f.trim() === '')) continue;
      if (recognisedColumns(fields) < MIN_RECOGNISED_FOR_DATA_SHEET) {
        skipped = `first row: ${fields.filter(Boolean).slice(0, 8).join(', ')}`;
        break;
      }
      mapping = mapHeader(fields, sheet.sourceFile);
    }
  }
  if (skipped) return { skipped };
  if (!mapping) return { skipped: 'empty' };
  return { mapping, rows };
}

/** The row as a raw line, or undefined for a row whose input cells are all empty. */
function rowLine(values: unknown[], mapping: HeaderMapping, sheet: SheetContext, lineNumber: number): RawSalesLine | undefined {
  const cell = (column: keyof HeaderMapping['positions']) => values[mapping.positions[column] + 1];
  let date = cell('invoice_date');
  // A date cell arrives as its serial number (days since the workbook's epoch, time as the fraction);
  // as a UTC instant its UTC fields are the wall-clock time the workbook shows.
  if (typeof date === 'number' && date >= EXCEL_SERIAL_RANGE[0] && date <= EXCEL_SERIAL_RANGE[1]) {
    // Many lines share an invoice time, so the formatted text is cached per serial.
    let text = sheet.dates.get(date);
    if (text === undefined) {
      text = excelDateText(new Date(sheet.epochMs + Math.round(date * 86_400_000)));
      sheet.dates.set(date, text);
    }
    date = text;
  }
  const parsed = ExcelSalesLineSchema.safeParse({
    source_file: sheet.sourceFile,
    line_number: lineNumber,
    invoice_no: cell('invoice_no'),
    stock_code: cell('stock_code'),
    description: cell('description'),
    quantity: cell('quantity'),
    invoice_date: date,
    unit_price: cell('unit_price'),
    customer_id: cell('customer_id'),
    country: cell('country'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadInputError(`${sheet.sourceFile}: row ${lineNumber}, column ${String(issue?.path[0] ?? '?')}: unexpected cell content (${issue?.message})`);
  }
  const line = parsed.data;
  const empty =
    line.invoice_no === null && line.stock_code === null && line.description === null && line.quantity === null &&
    line.invoice_date === null && line.unit_price === null && line.customer_id === null && line.country === null;
  return empty ? undefined : line;
}

const BUFFER_TABLE = 'xlsx_rows_buffer';
const BUFFER_TABLE_SQL = `create or replace temp table ${BUFFER_TABLE} (
  line_number integer not null, invoice_no varchar, stock_code varchar, description varchar, quantity varchar,
  invoice_date varchar, unit_price varchar, customer_id varchar, country varchar)`;

interface SheetRow {
  number: number;
  values: unknown;
}

/**
 * The rows of a sheet in the batches exceljs parses them in: iterating the worksheet row by row
 * costs one promise per row.
 */
async function* sheetRowBatches(worksheet: unknown): AsyncGenerator<SheetRow[]> {
  const parser = worksheet as { parse(): AsyncIterable<{ eventType: string; value: SheetRow }[]> };
  for await (const events of parser.parse()) {
    yield events.filter((event) => event.eventType === 'row').map((event) => event.value);
  }
}

/** The part of exceljs' (untyped) streaming reader that tells the workbook's date system. */
interface WorkbookProperties {
  properties?: { model?: { date1904?: boolean } };
}

type Appender = Awaited<ReturnType<Database['connection']['createAppender']>>;

function appendLine(appender: Appender, line: RawSalesLine): void {
  appender.appendInteger(line.line_number);
  for (const value of [line.invoice_no, line.stock_code, line.description, line.quantity, line.invoice_date, line.unit_price, line.customer_id, line.country]) {
    if (value === null) appender.appendNull();
    else appender.appendVarchar(value);
  }
  appender.endRow();
}
