import { listValue, structValue } from '@duckdb/node-api';

import type { Database } from '../../warehouse/db.js';
import { sql } from '../../warehouse/sql.js';
import { BadInputError } from '../../schemas/errors.js';
import { detectDelimiter, mapHeader, type HeaderMapping } from './header-map.js';
import type { LoadedSource } from './sources.js';
import type { CsvStructure } from './csv-structure.js';
import { normalizedCopy, type LineDecoding } from './normalize-text.js';
import { readHeaderLine, scanTextFile } from './text-scan.js';

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
  const scanning = scanTextFile(
    path,
    gzip,
    { delimiter, fieldCount: mapping.fieldCount },
    progress && ((lines, fraction) => progress(`${Math.floor(fraction * 100)}% (${lines.toLocaleString('en-GB')} lines read)`)),
  );
  scanning.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  let loadError: unknown;
  try {
    await readLines(db, path, gzip, delimiter, mapping);
  } catch (err) {
    loadError = err;
  }
  // The scan's verdict on the bytes comes first: its message (binary, truncated, a line the reader
  // would refuse or merge, by its physical line) is the clearer one.
  const scan = await scanning;
  const structure = scan.structure as CsvStructure;
  let decoding: LineDecoding | undefined;
  if (scan.encoding === 'latin-1' || scan.lineBreaks === 'mixed') {
    // Rare: re-read from a UTF-8, LF copy (see normalizedCopy); lines keep this file's name. The
    // copy has the same lines, so the scan's line structure holds for it.
    const copy = await normalizedCopy(path, gzip, scan.encoding);
    decoding = copy.decoding;
    try {
      await readLines(db, copy.path, false, delimiter, mapping);
    } catch (err) {
      throw csvError(path, err, structure);
    } finally {
      copy.cleanup();
    }
  } else if (loadError) {
    throw csvError(path, loadError, structure);
  }
  await appendLines(db, path, structure);
  const rows = await db.number('select count(*) from raw_sales_lines where source_file = $source_file', { source_file: path });
  if (rows === 0) throw new BadInputError(`${path}: header only, no data lines; give a file with sales lines after the header`);
  if (rows !== structure.records) {
    // The scan follows the reader's rules; a difference is a bug here, never a line to lose quietly.
    throw new Error(`${path}: DuckDB read ${rows} lines where the line scan found ${structure.records}`);
  }
  const joined = structure.spans.reduce((sum, s) => sum + s.lines - 1, 0);
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
    blankLines: structure.blankLines,
    notes: [
      ...(mapping.ignored.length ? [`${path}: ignored column(s) ${mapping.ignored.join(', ')}`] : []),
      ...(structure.blankLines ? [`${path}: ${structure.blankLines} blank line(s) skipped (counted in load_audit.blank_lines)`] : []),
      ...(structure.spans.length
        ? [`${path}: ${structure.spans.length} line(s) hold line breaks inside quotes (${joined} more physical lines; first at line ${structure.spans[0]?.line})`]
        : []),
      ...(decoding && decoding.utf8Lines > 0 && decoding.windows1252Lines > 0
        ? [`${path}: mixed encodings: ${decoding.utf8Lines} line(s) decoded as UTF-8, ${decoding.windows1252Lines} as Windows-1252 (each line as its own)`]
        : []),
    ],
  };
}

/** Reads the file (plain or gzip, UTF-8) into the temp table csv_lines, every value as text. */
async function readLines(db: Database, path: string, gzip: boolean, delimiter: string, mapping: HeaderMapping): Promise<void> {
  // Input columns take their canonical names; other fields get placeholder names and are not staged.
  const byPosition = new Map(Object.entries(mapping.positions).map(([column, position]) => [position, column]));
  const names = Array.from({ length: mapping.fieldCount }, (_, index) => byPosition.get(index) ?? `ignored_${index + 1}`);
  await db.run(sql('staging/helpers/load_csv.sql'), {
    path,
    delimiter,
    compression: gzip ? 'gzip' : 'none',
    columns: structValue(Object.fromEntries(names.map((name) => [name, 'VARCHAR']))),
  });
}

/**
 * Appends csv_lines to raw_sales_lines with each line's physical line number: the scan's shifts
 * (after blank lines and line breaks inside quotes) and spans (records over several lines) go in as
 * two small temp tables.
 */
async function appendLines(db: Database, sourceFile: string, structure: CsvStructure): Promise<void> {
  await db.run('create or replace temp table csv_line_shifts (record bigint, shift bigint)');
  await db.run('create or replace temp table csv_line_spans (line_number bigint, spanned_lines integer, swallowed_sales_lines integer)');
  const shifts = structure.shifts.filter((s, i, all) => all[i + 1]?.record !== s.record); // the last shift per record holds
  if (shifts.length) {
    await db.run('insert into csv_line_shifts select unnest($records::bigint[]), unnest($shifts::bigint[])', {
      records: listValue(shifts.map((s) => BigInt(s.record))),
      shifts: listValue(shifts.map((s) => BigInt(s.shift))),
    });
  }
  if (structure.spans.length) {
    await db.run('insert into csv_line_spans select unnest($lines::bigint[]), unnest($spans::integer[]), unnest($sales::integer[])', {
      lines: listValue(structure.spans.map((s) => BigInt(s.line))),
      spans: listValue(structure.spans.map((s) => s.lines)),
      sales: listValue(structure.spans.map((s) => s.salesLines)),
    });
  }
  await db.run(sql('staging/helpers/append_csv_lines.sql'), { source_file: sourceFile });
  await db.run('drop table csv_lines; drop table csv_line_shifts; drop table csv_line_spans');
}

/**
 * Turns a DuckDB CSV error into bad input naming file and line (and the field counts when a line has
 * the wrong number of fields). Errors that are not about the file's content (I/O, memory) are
 * returned unchanged, so Temporal retries them.
 */
export function csvError(path: string, err: unknown, structure?: CsvStructure): unknown {
  const message = err instanceof Error ? err.message : String(err);
  if (!/CSV Error|Invalid Input Error|Invalid unicode|Conversion Error|Not implemented Error/i.test(message)) return err;
  const reported = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  const line = reported && structure ? String(physicalLine(Number(reported), structure)) : reported;
  const counts = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (line && counts) {
    return new BadInputError(`${path}: line ${line} has ${counts[2]} fields, expected ${counts[1]} (wrong number of fields)`, 'check the delimiter and quotes on this line, or re-export the file');
  }
  // DuckDB puts the reason on a line of its own after the position and the offending line.
  const reason =
    message
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l && !/CSV Error on Line|^Original Line|^Possible fixes|^\*/.test(l)) ?? message.split('\n')[0];
  const fix = 'correct the line or re-export the file as CSV (UTF-8, comma separated)';
  return new BadInputError(line ? `${path}: line ${line}: ${reason}` : `${path}: cannot be read as CSV: ${reason}`, fix);
}

/**
 * DuckDB numbers lines by records and blank lines: a record whose quotes hold line breaks counts as
 * one. The scan's spans turn its number back into the physical line.
 */
export function physicalLine(duckdbLine: number, structure: CsvStructure): number {
  let line = duckdbLine;
  for (const span of structure.spans) {
    if (span.line >= line) break;
    line += span.lines - 1;
  }
  return line;
}
