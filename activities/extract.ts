import { mkdirSync, rmSync } from 'node:fs';

import type { StepResult } from '../schemas/workflow.js';
import { withDatabase } from '../warehouse/db.js';
import { sql } from '../warehouse/sql.js';
import { resolveInputFiles } from './extract/input-files.js';
import { loadCsvFile } from './extract/read-csv.js';
import { loadWorkbook } from './extract/read-xlsx.js';
import { recordSource, type LoadedSource } from './extract/sources.js';
import { runStep } from './step.js';

export { resolveInputFiles } from './extract/input-files.js';

/**
 * Extract: stages every input line as text in `raw_sales_lines` of this refresh's working database,
 * with its source file (a workbook sheet counts as a source) and line number, and records in
 * `raw_sources` how each source was read. CSV (plain or gzip, UTF-8 or ISO-8859-1, comma or
 * semicolon) and .xlsx are told apart from their content. Starts from a fresh run folder, so a retry
 * or reset is safe; nothing outside that folder is written. Bad input fails naming file and line.
 */
export async function extract(rawInput: unknown): Promise<StepResult> {
  return runStep('extract', rawInput, async ({ input, layout, progress }) => {
    const files = resolveInputFiles(input.inputPaths);
    rmSync(layout.runDir, { recursive: true, force: true });
    mkdirSync(layout.runDir, { recursive: true });
    return withDatabase(layout.workDatabase, async (db) => {
      await db.run(sql('staging/create_raw_sales_lines.sql'));
      const sources: LoadedSource[] = [];
      for (const [i, file] of files.entries()) {
        progress(`reading ${file.path} (${i + 1} of ${files.length})`);
        const loaded = file.kind === 'xlsx' ? await loadWorkbook(db, file.path, progress) : [await loadCsvFile(db, file.path, file.kind === 'csv-gzip')];
        for (const source of loaded) await recordSource(db, source);
        sources.push(...loaded);
      }
      const rows = await db.number('select count(*) from raw_sales_lines');
      return {
        rowsIn: rows,
        rowsOut: rows,
        tables: [
          { name: 'raw_sales_lines', rows },
          { name: 'raw_sources', rows: sources.length },
        ],
        notes: [
          `${files.length} input file(s), ${sources.length} source(s), ${rows} lines read`,
          ...sources.map(describeSource),
          ...sources.flatMap((s) => s.notes),
        ],
        outputs: {},
      };
    });
  });
}

function describeSource(s: LoadedSource): string {
  const how =
    s.fileFormat === 'xlsx'
      ? `xlsx sheet ${s.sheetIndex}`
      : `csv${s.compression === 'gzip' ? '.gz' : ''}, ${s.encoding}, delimiter ${JSON.stringify(s.delimiter)}`;
  return `${s.sourceFile}: ${s.rowsRead} lines (${how}, ${s.headerLayout} layout)`;
}
