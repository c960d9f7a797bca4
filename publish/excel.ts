import ExcelJS from 'exceljs';

import { quoteIdent as q, type Database } from '../warehouse/db.js';
import type { ColumnSpec, TableSpec } from '../warehouse/spec/types.js';
import { computeKpis, type KpiFormat } from './kpis.js';
import { bindRoles } from './roles.js';

/** Rows per sheet: enough for every dimension and segment list, small enough to open quickly. */
export const MAX_SHEET_ROWS = 50_000;
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

/** Column width from the header and the type, so sheets open readable without autofit. */
function columnWidth(column: ColumnSpec): number {
  const byType: Record<ColumnSpec['type'], number> = { VARCHAR: 24, BIGINT: 12, INTEGER: 10, DOUBLE: 12, 'DECIMAL(18,3)': 14, DATE: 12, TIMESTAMP: 17, BOOLEAN: 8 };
  return Math.min(60, Math.max(column.name.length + 2, byType[column.type]));
}

/** The select list for a sheet: dates and timestamps as epoch milliseconds so they become real Excel dates. */
function selectList(spec: TableSpec): string {
  return spec.columns
    .map((c) => (c.type === 'DATE' || c.type === 'TIMESTAMP' ? `epoch_ms(${q(c.name)}::timestamp) as ${q(c.name)}` : q(c.name)))
    .join(', ');
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

/** Order of a sheet's rows: churn lists riskiest first, everything else by primary key. */
function orderBy(spec: TableSpec, roles: ReturnType<typeof bindRoles>): string {
  if (roles.churn?.name === spec.name) return `${q(roles.churn.col.probability)} desc nulls last, ${spec.primaryKey.map(q).join(', ')}`;
  return spec.primaryKey.map(q).join(', ');
}

/**
 * Writes the workbook: a Summary sheet (KPIs, row accounting, sheet list) and one sheet per
 * published table that declares `excelSheet`, with typed cells, number formats, a frozen header and
 * an autofilter. Streams rows, so a long sheet does not sit in memory.
 */
export async function writeWorkbook(
  db: Database,
  published: readonly TableSpec[],
  file: string,
  meta: { refreshId: string; warehouse: string; maxRows?: number },
): Promise<SheetSummary[]> {
  const maxRows = meta.maxRows ?? MAX_SHEET_ROWS;
  const roles = bindRoles(published);
  const sheets = published.filter((t) => t.excelSheet);
  const summaries: SheetSummary[] = [];
  for (const spec of sheets) {
    summaries.push({ sheet: sheetName(spec.excelSheet as string), table: spec.name, rows: 0, total: await db.number(`select count(*) from ${q(spec.name)}`) });
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  workbook.creator = 'retail-warehouse';

  const summary = workbook.addWorksheet('Summary', { views: [{ state: 'frozen', ySplit: 1 }] });
  summary.columns = [{ width: 34 }, { width: 20 }, { width: 90 }];
  const heading = (text: string) => {
    const row = summary.addRow([text]);
    row.font = { bold: true, size: 12 };
    row.commit();
  };
  heading(`${meta.warehouse} — refresh ${meta.refreshId}`);
  summary.addRow([]).commit();
  heading('Key figures');
  for (const kpi of await computeKpis(db, published)) {
    const row = summary.addRow([kpi.name, kpi.value, kpi.description]);
    row.getCell(2).numFmt = NUMBER_FORMATS[kpi.format];
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
  summary.addRow([]).commit();
  heading('Sheets');
  for (const s of summaries) {
    const shown = Math.min(s.total, maxRows);
    const note = shown < s.total ? `first ${shown.toLocaleString('en-GB')} of ${s.total.toLocaleString('en-GB')} rows; all rows are in ${s.table}.parquet` : `${s.total.toLocaleString('en-GB')} rows`;
    summary.addRow([s.sheet, s.table, note]).commit();
  }
  summary.commit();

  for (const [i, spec] of sheets.entries()) {
    const info = summaries[i] as SheetSummary;
    const sheet = workbook.addWorksheet(info.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = spec.columns.map((c) => ({ header: c.name, key: c.name, width: columnWidth(c) }));
    sheet.getRow(1).font = { bold: true };
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
    // One style object per column, shared by its cells: the writer looks styles up by object identity,
    // so this halves the time of a long sheet compared with a fresh style per cell.
    const styles = spec.columns.map((c) => (numberFormat(c) ? { numFmt: numberFormat(c) } : {}));
    const rows = await db.all(`select ${selectList(spec)} from ${q(spec.name)} order by ${orderBy(spec, roles)} limit $limit`, { limit: maxRows });
    for (const r of rows) {
      const row = sheet.addRow(spec.columns.map((c) => cellValue(c, r[c.name])));
      styles.forEach((style, j) => {
        row.getCell(j + 1).style = style;
      });
      row.commit();
    }
    info.rows = rows.length;
    sheet.commit();
  }
  await workbook.commit();
  return summaries;
}
