import { closeSync, openSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { MessagePort } from 'node:worker_threads';

import ExcelJS from 'exceljs';

import { ExcelCellSchema, ExcelSalesLineSchema, excelDateText, isPlainCell, plainCellText, type RawSalesLine } from '../../schemas/sales-line.js';
import { BadInputError } from '../../schemas/errors.js';
import { describeHeader, mapHeader, recognisedColumns, type HeaderMapping } from './header-map.js';
import { sheetSource } from './sources.js';

/** A first row with fewer recognised column names than this is not a sales sheet (notes, pivots). */
const MIN_RECOGNISED_FOR_DATA_SHEET = 3;
const PROGRESS_EVERY_ROWS = 50_000;
/** Lines written to the sheet's CSV file per write call. */
const WRITE_EVERY_ROWS = 5_000;

/** Excel serial day numbers of 1900-01-01 and 9999-12-31: a number in the date column within them is a date. */
const EXCEL_SERIAL_RANGE = [1, 2_958_465] as const;
/** Day 0 of Excel's 1900 date system (as Excel counts, with its phantom 29 February 1900) and of the 1904 system. */
const EXCEL_EPOCH_MS = { 1900: Date.UTC(1899, 11, 30), 1904: Date.UTC(1904, 0, 1) } as const;

/** The columns of a sheet's CSV file, in order: the sheet row number, then the eight input fields as text. */
export const SHEET_CSV_COLUMNS = ['line_number', 'invoice_no', 'stock_code', 'description', 'quantity', 'invoice_date', 'unit_price', 'customer_id', 'country'] as const;

export type XlsxThreadMessage =
  | { type: 'progress'; message: string }
  | { type: 'sheet'; sheetName: string; sheetIndex: number; sourceFile: string; csvFile: string; rows: number; layout: HeaderMapping['layout']; ignored: string[] }
  | { type: 'done'; skipped: string[] }
  | { type: 'failed'; message: string; badInput: boolean };

/**
 * The thread side of read-xlsx.ts: streams every sheet of the workbook with exceljs' streaming
 * reader, checks each row against the zod row contract on the way (which turns cells into the text a
 * CSV would hold, date cells into wall-clock timestamps) and writes each sales sheet as a CSV file
 * into `dir` for DuckDB to load. Sheets whose first row is not a sales header are skipped and named.
 */
export async function threadMain(port: MessagePort, { path, dir }: { path: string; dir: string }): Promise<void> {
  const post = (message: XlsxThreadMessage) => port.postMessage(message);
  // exceljs parks every sheet that comes before workbook.xml in the zip (openpyxl and pandas write
  // them first) in a temporary file of os.tmpdir(), removed only when the sheet has been read. In
  // this thread the temporary folder is the scratch folder, which read-xlsx.ts always removes, so
  // no such file (hundreds of MB for a large workbook) survives a failed or stopped read.
  process.env.TMPDIR = dir;
  process.env.TMP = dir;
  process.env.TEMP = dir;
  try {
    // Read before any streaming reader exists, so no await falls between creating one and iterating it.
    const names = await sheetNames(path);
    let sheetsPosted = 0;
    const read = () => readWorkbook(path, dir, names, (message) => {
      if (message.type === 'sheet') sheetsPosted += 1;
      post(message);
    });
    try {
      await read();
    } catch (err) {
      // Now and then (seen in CI runs under load; 400 reads of the same file, with the cores busy, did
      // not reproduce it) exceljs' reader parses the sheets without the shared strings the file holds
      // and hands text cells over as {sharedString: n}. One more read is tried, and only while no sheet
      // went out yet, so no sheet is loaded twice; a file that truly lacks them fails as unreadable.
      if (!(err instanceof LostSharedStringsError) || sheetsPosted > 0) throw err;
      post({ type: 'progress', message: `${path}: the reader lost the shared strings; reading the workbook again` });
      await read();
    }
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err), badInput: err instanceof BadInputError });
  }
}

/** A text cell came as an index into shared strings the reader did not have (see threadMain). */
class LostSharedStringsError extends Error {}

/** One pass of exceljs' streaming reader over the workbook: posts each sales sheet, then 'done'. */
async function readWorkbook(path: string, dir: string, names: Map<number, string>, post: (message: XlsxThreadMessage) => void): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    // Without styles exceljs hands date cells over as their serial numbers, which the date column
    // converts itself (see rowLine); reading the styles would cost a style object per cell.
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  recordSheetFile(reader);
  const skipped: string[] = [];
  let sheetIndex = 0;
  for await (const worksheet of reader) {
    sheetIndex += 1;
    const emitted = worksheet as unknown as { name: string; sheetFile?: number };
    const name = (emitted.sheetFile !== undefined ? names.get(emitted.sheetFile) : undefined) ?? emitted.name;
    const sheet: SheetContext = {
      name,
      sourceFile: sheetSource(path, name),
      epochMs: (reader as unknown as WorkbookProperties).properties?.model?.date1904 ? EXCEL_EPOCH_MS[1904] : EXCEL_EPOCH_MS[1900],
      dates: new Map(),
    };
    const csvFile = join(dir, `sheet-${sheetIndex}.csv`);
    const read = await readSheet(worksheet, sheet, csvFile, (message) => post({ type: 'progress', message }));
    if ('skipped' in read) {
      skipped.push(`${sheet.name} (${read.skipped})`);
      continue;
    }
    if (read.rows === 0) throw new BadInputError(`${sheet.sourceFile}: header only, no data rows`);
    post({ type: 'sheet', sheetName: name, sheetIndex, sourceFile: sheet.sourceFile, csvFile, rows: read.rows, layout: read.mapping.layout, ignored: read.mapping.ignored });
  }
  post({ type: 'done', skipped });
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
async function readSheet(worksheet: unknown, sheet: SheetContext, csvFile: string, progress: (message: string) => void): Promise<SheetRead> {
  let mapping: HeaderMapping | undefined;
  let skipped: string | undefined;
  let rows = 0;
  const csv = csvWriter(csvFile);
  try {
    for await (const batch of sheetRowBatches(worksheet)) {
      if (skipped) continue;
      for (const row of batch) {
        const values = row.values as unknown[];
        if (mapping) {
          const line = rowLine(values, mapping, sheet, row.number);
          if (!line) continue;
          csv.add(line);
          rows += 1;
          if (rows % PROGRESS_EVERY_ROWS === 0) progress(`${sheet.sourceFile}: ${rows} rows`);
          continue;
        }
        if (values.some(isLostSharedString)) throw new LostSharedStringsError(`${sheet.sourceFile}: row ${row.number}: shared strings missing`);
        const fields = values.slice(1).map((v) => ExcelCellSchema.parse(v) ?? '');
        if (fields.every((f) => f.trim() === '')) continue;
        if (recognisedColumns(fields) < MIN_RECOGNISED_FOR_DATA_SHEET) {
          skipped = describeHeader(fields.filter(Boolean));
          break;
        }
        mapping = mapHeader(fields, sheet.sourceFile);
      }
    }
  } finally {
    csv.close();
  }
  if (skipped) return { skipped };
  if (!mapping) return { skipped: 'empty' };
  return { mapping, rows };
}

/**
 * Writes lines as CSV: a header, then every value quoted (a quote doubled) and null as an empty
 * field, so that DuckDB reads text back exactly and tells null from text.
 */
function csvWriter(file: string) {
  const fd = openSync(file, 'w');
  let pending: string[] = [SHEET_CSV_COLUMNS.join(',')];
  const flush = () => {
    if (pending.length) writeSync(fd, `${pending.join('\n')}\n`);
    pending = [];
  };
  const field = (value: string | null) => (value === null ? '' : `"${value.includes('"') ? value.replaceAll('"', '""') : value}"`);
  return {
    add(line: RawSalesLine): void {
      pending.push(
        `${line.line_number},${field(line.invoice_no)},${field(line.stock_code)},${field(line.description)},${field(line.quantity)},` +
          `${field(line.invoice_date)},${field(line.unit_price)},${field(line.customer_id)},${field(line.country)}`,
      );
      if (pending.length >= WRITE_EVERY_ROWS) flush();
    },
    close(): void {
      try {
        flush();
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** The row as a raw line, or undefined for a row whose input cells are all empty. */
function rowLine(values: unknown[], mapping: HeaderMapping, sheet: SheetContext, lineNumber: number): RawSalesLine | undefined {
  const at = mapping.positions;
  let date = values[at.invoice_date + 1];
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
  const cells = {
    invoice_no: values[at.invoice_no + 1],
    stock_code: values[at.stock_code + 1],
    description: values[at.description + 1],
    quantity: values[at.quantity + 1],
    invoice_date: date,
    unit_price: values[at.unit_price + 1],
    customer_id: values[at.customer_id + 1],
    country: values[at.country + 1],
  };
  const line = plainLine(sheet.sourceFile, lineNumber, cells) ?? checkedLine(sheet.sourceFile, lineNumber, cells);
  const empty =
    line.invoice_no === null && line.stock_code === null && line.description === null && line.quantity === null &&
    line.invoice_date === null && line.unit_price === null && line.customer_id === null && line.country === null;
  return empty ? undefined : line;
}

type RowCells = Record<Exclude<keyof RawSalesLine, 'source_file' | 'line_number' | 'spanned_lines' | 'swallowed_sales_lines'>, unknown>;

/** The line of a row whose cells are all plain (text, numbers, empty), as the row schema would give it. */
function plainLine(sourceFile: string, lineNumber: number, cells: RowCells): RawSalesLine | undefined {
  const { invoice_no, stock_code, description, quantity, invoice_date, unit_price, customer_id, country } = cells;
  if (
    !isPlainCell(invoice_no) || !isPlainCell(stock_code) || !isPlainCell(description) || !isPlainCell(quantity) ||
    !isPlainCell(invoice_date) || !isPlainCell(unit_price) || !isPlainCell(customer_id) || !isPlainCell(country)
  ) {
    return undefined;
  }
  return {
    source_file: sourceFile,
    line_number: lineNumber,
    invoice_no: plainCellText(invoice_no),
    stock_code: plainCellText(stock_code),
    description: plainCellText(description),
    quantity: plainCellText(quantity),
    invoice_date: plainCellText(invoice_date),
    unit_price: plainCellText(unit_price),
    customer_id: plainCellText(customer_id),
    country: plainCellText(country),
  };
}

const isLostSharedString = (value: unknown): boolean => typeof value === 'object' && value !== null && 'sharedString' in value;

/** Any other row goes through the zod row schema, which names the first cell it cannot read. */
function checkedLine(sourceFile: string, lineNumber: number, cells: RowCells): RawSalesLine {
  if (Object.values(cells).some(isLostSharedString)) throw new LostSharedStringsError(`${sourceFile}: row ${lineNumber}: shared strings missing`);
  const parsed = ExcelSalesLineSchema.safeParse({ source_file: sourceFile, line_number: lineNumber, ...cells });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadInputError(`${sourceFile}: row ${lineNumber}, column ${String(issue?.path[0] ?? '?')}: unexpected cell content (${issue?.message})`);
  }
  return parsed.data;
}

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

/** exceljs' zip reader (a dependency of exceljs, without type declarations): random access to single parts. */
const unzipper = createRequire(import.meta.url)('unzipper') as {
  Open: { file(path: string): Promise<{ files: { path: string; buffer(): Promise<Buffer> }[] }> };
};

const xmlAttributes = (tag: string): Map<string, string> =>
  new Map([...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1] as string, (m[2] as string).replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] as string)]));

/**
 * The name of each sheet by the number of its part (`xl/worksheets/sheetN.xml`), read from the
 * workbook's sheet list and relationships. exceljs' streaming reader finds a name only through a
 * relationship whose target is exactly `worksheets/sheetN.xml`: openpyxl (and so pandas) writes the
 * absolute `/xl/worksheets/sheetN.xml`, and when a workbook's sheets come before workbook.xml in the
 * zip (as openpyxl writes them) its names were at times not resolved, so sheets came out as "SheetN".
 * The two small parts are read from the zip's directory before the sheets are streamed.
 */
async function sheetNames(path: string): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  const zip = await unzipper.Open.file(path);
  const part = async (name: string) => (await zip.files.find((f) => f.path === name)?.buffer())?.toString('utf8');
  const [workbook, rels] = await Promise.all([part('xl/workbook.xml'), part('xl/_rels/workbook.xml.rels')]);
  if (!workbook || !rels) return names;
  const targets = new Map<string, string>();
  for (const tag of rels.match(/<Relationship\b[^>]*>/g) ?? []) {
    const a = xmlAttributes(tag);
    if (a.get('Id') && a.get('Target')) targets.set(a.get('Id') as string, a.get('Target') as string);
  }
  for (const tag of workbook.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []) {
    const a = xmlAttributes(tag);
    const id = [...a.entries()].find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
    // A target is relative to xl/ or, starting with "/", absolute within the package.
    const file = /(?:^|\/)worksheets\/sheet(\d+)\.xml$/.exec(targets.get(id ?? '') ?? '')?.[1];
    if (file && a.get('name')) names.set(Number(file), a.get('name') as string);
  }
  return names;
}

/** Marks each worksheet exceljs emits with the number of its part, which its own id hides once matched. */
function recordSheetFile(reader: unknown): void {
  const untyped = reader as { _parseWorksheet(iterator: unknown, sheetNo: string): Generator<{ eventType: string; value: { sheetFile?: number } }> };
  const parseWorksheet = untyped._parseWorksheet;
  untyped._parseWorksheet = function* (iterator: unknown, sheetNo: string) {
    for (const event of parseWorksheet.call(reader, iterator, sheetNo)) {
      if (event.eventType === 'worksheet') event.value.sheetFile = Number(sheetNo);
      yield event;
    }
  };
}

/** The part of exceljs' (untyped) streaming reader that tells the workbook's date system. */
interface WorkbookProperties {
  properties?: { model?: { date1904?: boolean } };
}

