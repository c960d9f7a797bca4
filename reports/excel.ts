import ExcelJS from 'exceljs';

import { quoteIdent as q, type Database } from '../warehouse/db.js';
import { columnLabel, type ColumnSpec, type TableSpec } from '../warehouse/spec/types.js';
import { computeKpis, type KpiFormat } from './kpis/index.js';
import { bindRoles } from './roles.js';
import { workbookSheets } from './workbook-sheets.js';

/** Rows per sheet: enough for every dimension and segment list, small enough to open quickly. */
export const MAX_SHEET_ROWS = 50_000;
/** The fill of every other data row. */
const BAND_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
/** Excel's limit for text in one cell. */
const MAX_CELL_TEXT = 32_767;

const NUMBER_FORMATS: Record<NonNullable<ColumnSpec['format']> | KpiFormat, string> = {
  money: '"£"#,##0.00;-"£"#,##0.00',
  percent: '0.0%',
  integer: '#,##0',
  decimal: '#,##0.00',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};

function numberFormat(column: ColumnSpec): string | undefined {
  if (column.format) return NUMBER_FORMATS[column.format];
  if (column.type === 'DATE') return NUMBER_FORMATS.date;
  if (column.type === 'TIMESTAMP') return NUMBER_FORMATS.datetime;
  if (column.type === 'DECIMAL(18,3)') return '#,##0.000';
  return undefined;
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ . */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

/** Column width from the header and the longest value shown (capped), so text is not cut off. */
function columnWidth(column: ColumnSpec, header: string, rows: readonly Record<string, unknown>[]): number {
  const byType: Record<ColumnSpec['type'], number> = { VARCHAR: 10, BIGINT: 10, INTEGER: 8, DOUBLE: 10, 'DECIMAL(18,3)': 12, DATE: 11, TIMESTAMP: 16, BOOLEAN: 7 };
  let longest = 0;
  if (column.type === 'VARCHAR') {
    // A sample is enough: the cap is reached long before, and scanning 50,000 rows per column would cost time.
    const step = Math.max(1, Math.floor(rows.length / 2000));
    for (let i = 0; i < rows.length; i += step) {
      const v = rows[i]?.[column.name];
      if (v !== null && v !== undefined) longest = Math.max(longest, String(v).length);
    }
  }
  return Math.min(60, Math.max(header.length + 3, byType[column.type], longest + 2));
}

/**
 * A cell value of the right kind. Text always stays a string cell: a description such as
 * "=HYPERLINK(...)" from the input is shown, never evaluated.
 */
function cellValue(column: ColumnSpec, raw: unknown): string | number | boolean | Date | null {
  if (raw === null || raw === undefined) return null;
  switch (column.type) {
    case 'DATE':
    case 'TIMESTAMP':
      return new Date(Number(raw));
    case 'BOOLEAN':
      return Boolean(raw);
    case 'VARCHAR': {
      const text = String(raw);
      return text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT) : text;
    }
    default:
      return Number(raw);
  }
}

export interface SheetSummary {
  sheet: string;
  table: string;
  rows: number;
  total: number;
}

/** The first and last invoice day of the sales facts, for the Summary's data period. */
/** Rows written between two yields to the event loop (some tens of milliseconds of work). */
const YIELD_EVERY_ROWS = 500;

export async function dataPeriod(db: Database, published: readonly TableSpec[]): Promise<string | undefined> {
  const roles = bindRoles(published);
  if (!roles.sales) return undefined;
  const d = q(roles.sales.col.date);
  const [r] = await db.all<{ first: string | null; last: string | null }>(
    `select strftime(min(${d}), '%-d %b %Y') as first, strftime(max(${d}), '%-d %b %Y') as last from ${q(roles.sales.name)}`,
  );
  return r?.first && r.last ? `${r.first} to ${r.last}` : undefined;
}

/** A link to cell A1 of a sheet of the same workbook. */
function sheetLink(sheet: string): string {
  return `#'${sheet.replace(/'/g, "''")}'!A1`;
}

/**
 * Writes the workbook: a Summary sheet (data period, KPIs, row accounting, links to every sheet),
 * a joined Customers sheet, the business sheets by importance and the check sheets after them. Each
 * sheet has human headers (columnLabel) with the column's description as a note, typed cells,
 * number formats, a frozen header, an autofilter and widths from its content. Rows are written one
 * at a time, so a long sheet does not sit in the writer's memory.
 */
export async function writeWorkbook(
  db: Database,
  published: readonly TableSpec[],
  file: string,
  meta: { refreshId: string; warehouse: string; maxRows?: number; progress?: (message: string) => void },
): Promise<SheetSummary[]> {
  const maxRows = meta.maxRows ?? MAX_SHEET_ROWS;
  const roles = bindRoles(published);
  const sources = workbookSheets(published);
  const int = new Intl.NumberFormat('en-GB');
  const summaries: SheetSummary[] = [];
  for (const source of sources) {
    summaries.push({ sheet: sheetName(source.title), table: source.table, rows: 0, total: await db.number(`select count(*) from ${q(source.table)}`) });
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  workbook.creator = 'retail-warehouse';

  const summary = workbook.addWorksheet('Summary');
  summary.columns = [{ width: 34 }, { width: 20 }, { width: 90 }];
  const heading = (text: string) => {
    const row = summary.addRow([text]);
    row.font = { bold: true, size: 12 };
    row.commit();
  };
  heading(meta.warehouse);
  const period = await dataPeriod(db, published);
  if (period) summary.addRow(['Data period', period]).commit();
  summary.addRow(['Refresh', meta.refreshId]).commit();
  summary.addRow([]).commit();
  heading('Key figures');
  for (const kpi of await computeKpis(db, published)) {
    const row = summary.addRow([kpi.name, kpi.value, kpi.description]);
    row.getCell(2).numFmt = NUMBER_FORMATS[kpi.format];
    row.commit();
  }
  summary.addRow([]).commit();
  heading('Sheets (click a name to open it)');
  for (const [i, s] of summaries.entries()) {
    const shown = Math.min(s.total, maxRows);
    const note = shown < s.total ? `first ${shown.toLocaleString('en-GB')} of ${s.total.toLocaleString('en-GB')} rows; all rows are in ${s.table}.parquet` : `${s.total.toLocaleString('en-GB')} rows`;
    const kind = sources[i]?.kind === 'check' ? 'check' : 'business';
    const row = summary.addRow([{ text: s.sheet, hyperlink: sheetLink(s.sheet) }, kind, note]);
    row.getCell(1).font = { color: { argb: 'FF0563C1' }, underline: true };
    row.commit();
  }
  if (roles.loadAudit) {
    summary.addRow([]).commit();
    heading('Row accounting (every line read is staged or quarantined)');
    const a = roles.loadAudit;
    const header = summary.addRow(['Input file', 'Read', 'Staged', 'Quarantined']);
    header.font = { bold: true };
    header.commit();
    const audit = await db.all<{ file: string; read: string; staged: string; quarantined: string }>(
      `select source_file as file, ${q(a.col.read)} as read, ${q(a.col.staged)} as staged, ${q(a.col.quarantined)} as quarantined from ${q(a.name)} order by source_file`,
    );
    for (const r of audit) {
      const row = summary.addRow([String(r.file), Number(r.read), Number(r.staged), Number(r.quarantined)]);
      for (const i of [2, 3, 4]) row.getCell(i).numFmt = NUMBER_FORMATS.integer;
      row.commit();
    }
  }
  summary.commit();

  // Rows written so far out of all the sheets' rows: the percentage goes with the step's heartbeat.
  const allRows = summaries.reduce((sum, x) => sum + Math.min(x.total, maxRows), 0);
  let written = 0;
  for (const [i, source] of sources.entries()) {
    const info = summaries[i] as SheetSummary;
    meta.progress?.(
      `workbook: sheet ${i + 1} of ${sources.length} (${info.sheet}), ${int.format(written)} of ${int.format(allRows)} rows (${allRows ? Math.floor((100 * written) / allRows) : 100}%)`,
    );
    const columns = source.columns;
    const rows = await db.all(source.query, { limit: maxRows });
    const sheet = workbook.addWorksheet(info.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    const headers = columns.map((c) => columnLabel(c));
    sheet.columns = columns.map((c, j) => ({ key: c.name, width: columnWidth(c, headers[j] as string, rows) }));
    // The header row: a person's label, the description as a note (hover in Excel), a filled band.
    const header = sheet.addRow(headers);
    header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    columns.forEach((c, j) => {
      const cell = header.getCell(j + 1);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E78' } };
      cell.note = `${c.description} (column ${c.name})`;
    });
    header.commit();
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: columns.length } };
    // One style object per column, shared by its cells: the writer looks styles up by object identity,
    // so this halves the time of a long sheet compared with a fresh style per cell.
    // Every other row banded, as an Excel Table would be (the streaming writer cannot write tables; the
    // non-streaming one can, but took 1.5x the time and 3.4x the memory on the full data: README).
    const styles = columns.map((c) => (numberFormat(c) ? { numFmt: numberFormat(c) } : {}));
    const banded = styles.map((style) => ({ ...style, fill: BAND_FILL }));
    for (const [n, r] of rows.entries()) {
      // A long sheet took seconds of synchronous work (3.4 s on the full data): yielding every few
      // thousand rows lets heartbeats and a cancellation through, and the file stream drain.
      if (n > 0 && n % YIELD_EVERY_ROWS === 0) await new Promise((resolve) => setImmediate(resolve));
      const row = sheet.addRow(columns.map((c) => cellValue(c, r[c.name])));
      (n % 2 === 1 ? banded : styles).forEach((style, j) => {
        row.getCell(j + 1).style = style;
      });
      row.commit();
    }
    info.rows = rows.length;
    written += rows.length;
    sheet.commit();
  }
  await workbook.commit();
  return summaries;
}
