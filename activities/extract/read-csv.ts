import { structValue } from '@duckdb/node-api';

import type { Database } from '../../warehouse/db.js';
import { sql } from '../../warehouse/sql.js';
import { BadInputError } from '../errors.js';
import { detectDelimiter, mapHeader, type HeaderMapping } from './header-map.js';
import type { LoadedSource } from './sources.js';
import { normalizedCopy } from './normalize-text.js';
import { readHeaderLine, scanTextFile, type TextEncoding } from './text-scan.js';

/**
 * Loads one CSV file (plain or gzip) into `raw_sales_lines` in one set-based `read_csv`. The header
 * line settles delimiter, column names and layout, so no option has to tell the variants apart. A
 * streaming scan of the whole file (encoding, line count, binary or truncated content) runs while
 * DuckDB loads the file as UTF-8; in the rare case the scan finds ISO-8859-1 (or Windows-1252) or
 * mixed line breaks, the file is loaded again from a UTF-8 copy with LF line breaks. A bad file fails
 * with a message naming it. `progress` hears the share of the file read and the lines counted.
 */
export async function loadCsvFile(db: Database, path: string, gzip: boolean, progress?: (message: string) => void): Promise<LoadedSource> {
  const { delimiter, fields } = detectDelimiter(await readHeaderLine(path, gzip));
  const mapping = mapHeader(fields, path);
  // The scan runs beside DuckDB's load over the same bytes: its position is the file's progress.
  const scanning = scanTextFile(path, gzip, progress && ((lines, fraction) => progress(`${Math.floor(fraction * 100)}% (${lines.toLocaleString('en-GB')} lines read)`)));
  scanning.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  const load = (encoding: TextEncoding) => loadWithEncoding(db, path, gzip, delimiter, mapping, encoding);
  let loadError: unknown;
  try {
    await load('utf-8');
  } catch (err) {
    loadError = err;
  }
  // The scan's verdict on the bytes comes first: its message (binary, truncated) is the clearer one.
  const scan = await scanning;
  if (scan.encoding === 'latin-1' || scan.lineBreaks === 'mixed') {
    // Rare: re-read from a UTF-8, LF copy (see normalizedCopy); lines keep this file's name.
    await db.run('delete from raw_sales_lines where source_file = $source_file', { source_file: path });
    const copy = await normalizedCopy(path, gzip, scan.encoding);
    try {
      await loadWithEncoding(db, copy.path, false, delimiter, mapping, 'utf-8', path);
    } catch (err) {
      throw csvError(path, err);
    } finally {
      copy.cleanup();
    }
  } else if (loadError) {
    throw csvError(path, loadError);
  }
  const rows = await db.number('select count(*) from raw_sales_lines where source_file = $source_file', { source_file: path });
  if (rows === 0) throw new BadInputError(`${path}: header only, no data lines`);
  const dataLines = scan.physicalLines - 1;
  return {
    sourceFile: path,
    inputFile: path,
    sheetName: null,
    sheetIndex: null,
    fileFormat: 'csv',
    compression: gzip ? 'gzip' : 'none',
    encoding: scan.encoding,
    delimiter,
    headerLayout: mapping.layout,
    rowsRead: rows,
    physicalLines: scan.physicalLines,
    notes: [
      ...(mapping.ignored.length ? [`${path}: ignored column(s) ${mapping.ignored.join(', ')}`] : []),
      ...(rows !== dataLines
        ? [`${path}: ${dataLines} lines after the header but ${rows} rows (blank lines or line breaks inside quotes); line numbers after the first such line are approximate`]
        : []),
    ],
  };
}

async function loadWithEncoding(
  db: Database,
  path: string,
  gzip: boolean,
  delimiter: string,
  mapping: HeaderMapping,
  encoding: TextEncoding,
  sourceFile = path,
): Promise<void> {
  // Input columns take their canonical names; other fields get placeholder names and are not staged.
  const byPosition = new Map(Object.entries(mapping.positions).map(([column, position]) => [position, column]));
  const names = Array.from({ length: mapping.fieldCount }, (_, index) => byPosition.get(index) ?? `ignored_${index + 1}`);
  await db.run(sql('staging/load_csv.sql'), {
    path,
    delimiter,
    encoding,
    compression: gzip ? 'gzip' : 'none',
    columns: structValue(Object.fromEntries(names.map((name) => [name, 'VARCHAR']))),
  });
  await db.run(sql('staging/append_csv_lines.sql'), { source_file: sourceFile });
  await db.run('drop table csv_lines');
}

/**
 * Turns a DuckDB CSV error into bad input naming file and line (and the field counts when a line has
 * the wrong number of fields). Errors that are not about the file's content (I/O, memory) are
 * returned unchanged, so Temporal retries them.
 */
export function csvError(path: string, err: unknown): unknown {
  const message = err instanceof Error ? err.message : String(err);
  if (!/CSV Error|Invalid Input Error|Invalid unicode|Conversion Error/i.test(message)) return err;
  const line = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  const counts = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (line && counts) {
    return new BadInputError(`${path}: line ${line} has ${counts[2]} fields, expected ${counts[1]} (wrong number of fields)`);
  }
  // DuckDB puts the reason on a line of its own after the position and the offending line.
  const reason =
    message
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l && !/CSV Error on Line|^Original Line|^Possible fixes|^\*/.test(l)) ?? message.split('\n')[0];
  return new BadInputError(line ? `${path}: line ${line}: ${reason}` : `${path}: cannot be read as CSV: ${reason}`);
}
