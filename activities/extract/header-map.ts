import { INPUT_COLUMNS, type InputColumn } from '../../schemas/sales-line.js';
import { BadInputError } from '../../schemas/errors.js';

/** Which of the two known layouts a header follows (by its invoice and price column names). */
export type HeaderLayout = 'Online Retail' | 'Online Retail II';

export interface HeaderMapping {
  /** Position (0-based) of each input column in the file's header. */
  positions: Record<InputColumn, number>;
  layout: HeaderLayout;
  /** Header fields that are not input columns; they are read and ignored. */
  ignored: string[];
  /** Fields in the header. */
  fieldCount: number;
}

/** Header names compare without case, spaces, underscores or a byte-order mark: "Customer ID" = "customerid". */
export function headerKey(name: string): string {
  return name.replace(/^\uFEFF/, '').replace(/[\s_]+/g, '').toLowerCase();
}

const COLUMN_BY_KEY = new Map<string, InputColumn>(
  INPUT_COLUMNS.flatMap(({ column, aliases }) => aliases.map((alias) => [headerKey(alias), column] as const)),
);

/** How many header fields are input columns; used to tell a data sheet from a notes sheet. */
export function recognisedColumns(fields: readonly string[]): number {
  return new Set(fields.map((f) => COLUMN_BY_KEY.get(headerKey(f))).filter(Boolean)).size;
}

/**
 * Maps a header's fields to the eight input columns. Fails naming every missing column (with the
 * names it may carry) or a column given twice, and `where` (file, sheet) so the operator can fix it.
 */
export function mapHeader(fields: readonly string[], where: string): HeaderMapping {
  const positions: Partial<Record<InputColumn, number>> = {};
  const ignored: string[] = [];
  fields.forEach((field, index) => {
    const column = COLUMN_BY_KEY.get(headerKey(field));
    if (!column) {
      ignored.push(field);
      return;
    }
    if (positions[column] !== undefined) {
      throw new BadInputError(`${where}: column ${column} appears twice in the header (fields ${positions[column] + 1} and ${index + 1})`);
    }
    positions[column] = index;
  });
  const missing = INPUT_COLUMNS.filter(({ column }) => positions[column] === undefined);
  if (missing.length) {
    const names = missing.map(({ aliases }) => aliases.join(' or ')).join(', ');
    throw new BadInputError(`${where}: missing required column ${names}; ${describeHeader(fields)}`);
  }
  const invoiceHeader = headerKey(fields[positions.invoice_no as number] ?? '');
  return {
    positions: positions as Record<InputColumn, number>,
    layout: invoiceHeader === 'invoice' ? 'Online Retail II' : 'Online Retail',
    ignored,
    fieldCount: fields.length,
  };
}

/**
 * A rejected first line, described without quoting it: it may be data (or a file that is not ours
 * at all), so only the fields that are known column names are named.
 */
export function describeHeader(fields: readonly string[]): string {
  const known = fields.filter((f) => COLUMN_BY_KEY.has(headerKey(f)));
  const others = fields.length - known.length;
  return `the first line has ${fields.length} field(s)${known.length ? `, of which column name(s) ${known.join(', ')}` : ', none of them a column name'}${known.length && others ? ` and ${others} other(s) (not shown)` : ''}`;
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Splits one CSV line on `delimiter`, honouring double quotes (RFC 4180: "" inside quotes is a quote). */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i += 1;
      } else if (ch === '"') {
        quoted = false;
      } else {
        current += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === delimiter) {
      fields.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  fields.push(current.trim());
  return fields;
}

/**
 * Picks the delimiter from the header line: the candidate that splits it into the most recognised
 * input columns (ties: the most fields). A header is short, so trying each candidate is cheap and
 * does not depend on how the data lines happen to look.
 */
export function detectDelimiter(headerLine: string): { delimiter: string; fields: string[] } {
  let best = { delimiter: ',' as string, fields: splitCsvLine(headerLine, ','), score: -1 };
  for (const delimiter of DELIMITERS) {
    const fields = splitCsvLine(headerLine, delimiter);
    const score = recognisedColumns(fields) * 1000 + fields.length;
    if (score > best.score) best = { delimiter, fields, score };
  }
  return { delimiter: best.delimiter, fields: best.fields };
}
