import type { Database } from '../../warehouse/db.js';
import type { HeaderLayout } from './header-map.js';
import type { TextEncoding } from './text-scan.js';

/**
 * One source of lines: a CSV file, or one sheet of a workbook. Its `sourceFile` is what every line
 * carries: the path for a CSV, `path#sheet` for a sheet, so line numbers stay unique per source.
 */
export interface LoadedSource {
  sourceFile: string;
  inputFile: string;
  sheetName: string | null;
  /** Position of the sheet in its workbook (1 = first); decides which copy of an overlap is kept. */
  sheetIndex: number | null;
  fileFormat: 'csv' | 'xlsx';
  compression: 'none' | 'gzip';
  encoding: TextEncoding | null;
  delimiter: string | null;
  headerLayout: HeaderLayout;
  rowsRead: number;
  physicalLines: number | null;
  /** Empty lines of a CSV file (the reader skips them); null for a sheet. */
  blankLines: number | null;
  /** Choices made and oddities seen, for the step's notes. */
  notes: string[];
}

/** The name lines of a workbook sheet carry as their source file. */
export function sheetSource(path: string, sheet: string): string {
  return `${path}#${sheet}`;
}

/** Records a loaded source in `raw_sources` (a handful of rows per run, so plain inserts). */
export async function recordSource(db: Database, source: LoadedSource, origin: { sha256: string; refreshId: string }): Promise<void> {
  await db.run(
    `insert into raw_sources (source_file, input_file, sheet_name, sheet_index, file_format, compression, encoding, delimiter,
       header_layout, rows_read, physical_lines, blank_lines, content_sha256, loaded_by_refresh)
     values ($source_file, $input_file, $sheet_name, $sheet_index, $file_format, $compression, $encoding, $delimiter,
       $header_layout, $rows_read, $physical_lines, $blank_lines, $content_sha256, $loaded_by_refresh)`,
    {
      source_file: source.sourceFile,
      input_file: source.inputFile,
      sheet_name: source.sheetName,
      sheet_index: source.sheetIndex,
      file_format: source.fileFormat,
      compression: source.compression,
      encoding: source.encoding,
      delimiter: source.delimiter,
      header_layout: source.headerLayout,
      rows_read: source.rowsRead,
      physical_lines: source.physicalLines,
      blank_lines: source.blankLines,
      content_sha256: origin.sha256,
      loaded_by_refresh: origin.refreshId,
    },
  );
}
