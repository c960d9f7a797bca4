import { mkdirSync, rmSync } from 'node:fs';

import type { StepResult } from '../schemas/workflow.js';
import type { Database } from '../warehouse/db.js';
import { withDatabase } from '../warehouse/db.js';
import { describeFailures, runDataTests } from '../warehouse/data-tests.js';
import { sql } from '../warehouse/sql.js';
import { EXTRACT_TABLES } from '../warehouse/staging/index.js';
import { hashFileContent } from './extract/content-hash.js';
import { carryOverPublished, dropHeldFiles, type CarryOver } from './extract/held-lines.js';
import { resolveInputFiles } from './extract/input-files.js';
import { planLoad, type FileDecision, type HashedFile } from './extract/load-plan.js';
import { loadCsvFile } from './extract/read-csv.js';
import { loadWorkbook } from './extract/read-xlsx.js';
import { recordSource, type LoadedSource } from './extract/sources.js';
import { DataTestError } from '../schemas/errors.js';
import { runStep } from './step.js';

export { resolveInputFiles } from './extract/input-files.js';

/**
 * Extract: stages input lines as text in `raw_sales_lines` of this refresh's working database, with
 * their source file (a workbook sheet counts as a source) and line number, records in `raw_sources`
 * how each source was read and the hash of its file's bytes, and in `input_file_log` what was done
 * with each input file. CSV (plain or gzip, UTF-8 or ISO-8859-1, comma or semicolon) and .xlsx are
 * told apart from their content. A file whose content is already loaded is skipped and reported.
 *
 * In `incremental` mode the run starts from the raw lines of the last published warehouse and reads
 * only files whose content it does not hold; later steps rebuild everything from the raw lines, so
 * the result equals a full rebuild over all files. Starts from a fresh run folder and only reads the
 * published warehouse, so a retry or reset is safe. Bad input fails naming file and line.
 */
export async function extract(rawInput: unknown): Promise<StepResult> {
  return runStep('extract', rawInput, async ({ input, layout, progress }) => {
    const files = resolveInputFiles(input.inputPaths);
    progress(`hashing ${files.length} input file(s)`);
    const hashed: HashedFile[] = [];
    for (const file of files) hashed.push({ ...file, ...(await hashFileContent(file.path)) });
    rmSync(layout.runDir, { recursive: true, force: true });
    mkdirSync(layout.runDir, { recursive: true });
    return withDatabase(layout.workDatabase, async (db) => {
      // Storage only, not content: FSST analysis of the raw text columns is CPU the load can skip.
      await db.run(`set disabled_compression_methods = 'fsst'`);
      await db.run(sql('staging/raw_sales_lines.sql'));
      const held: CarryOver =
        input.options.mode === 'incremental' ? await carryOverPublished(db, layout.database) : { carried: false, reason: 'full rebuild' };
      const plan = planLoad(hashed, held.carried ? held.sources : [], input.refreshId);
      const droppedLines = await dropHeldFiles(db, plan.replaced);
      const sources: LoadedSource[] = [];
      const toRead = plan.decisions.filter((d) => d.status === 'loaded' || d.status === 'replaced');
      for (const [i, decision] of toRead.entries()) {
        const { file } = decision;
        const reading = `reading ${file.path} (${i + 1} of ${toRead.length})`;
        progress(reading);
        const loaded =
          file.kind === 'xlsx'
            ? await loadWorkbook(db, file.path, layout.runDir, progress)
            : [await loadCsvFile(db, file.path, file.kind === 'csv-gzip', (done) => progress(`${reading}: ${done}`))];
        for (const source of loaded) await recordSource(db, source, { sha256: file.sha256, refreshId: input.refreshId });
        sources.push(...loaded);
      }
      await logDecisions(db, input.refreshId, plan.decisions, sources);
      const rowsRead = sources.reduce((sum, s) => sum + s.rowsRead, 0);
      const rows = await db.number('select count(*) from raw_sales_lines');
      const allSources = await db.number('select count(*) from raw_sources');
      const skipped = plan.decisions.filter((d) => d.status.startsWith('skipped'));
      // The raw lines are left out, as they always were: they are every line as read, and validate's
      // contract is their test.
      const tests = await runDataTests(db, EXTRACT_TABLES.filter((t) => t.name !== 'raw_sales_lines'));
      if (tests.failures.length) throw new DataTestError(describeFailures(tests.failures));
      return {
        rowsIn: rowsRead,
        rowsOut: rows,
        tables: [
          { name: 'raw_sales_lines', rows },
          { name: 'raw_sources', rows: allSources },
          { name: 'input_file_log', rows: plan.decisions.length },
        ],
        notes: [
          `${files.length} input file(s): ${toRead.length} read, ${skipped.length} skipped (content already loaded); ${sources.length} source(s), ${rowsRead} lines read`,
          describeMode(held, input.options.mode),
          ...(held.carried ? [`warehouse now holds ${rows} lines from ${allSources} source(s)`] : []),
          ...(plan.replaced.length ? [`content changed since loaded, read again (${droppedLines} earlier lines dropped): ${plan.replaced.join(', ')}`] : []),
          ...skipped.map(describeSkip),
          ...sources.map(describeSource),
          ...sources.flatMap((s) => s.notes),
          `${tests.run} data tests passed`,
        ],
        outputs: {},
      };
    });
  });
}

async function logDecisions(db: Database, refreshId: string, decisions: readonly FileDecision[], sources: readonly LoadedSource[]): Promise<void> {
  for (const d of decisions) {
    const own = sources.filter((s) => s.inputFile === d.file.path);
    await db.run(
      `insert into input_file_log (refresh_id, input_file, content_sha256, bytes, status, loaded_input_file, loaded_by_refresh, sources, rows_read)
       values ($refresh_id, $input_file, $content_sha256, $bytes, $status, $loaded_input_file, $loaded_by_refresh, $sources, $rows_read)`,
      {
        refresh_id: refreshId,
        input_file: d.file.path,
        content_sha256: d.file.sha256,
        bytes: d.file.bytes,
        status: d.status,
        loaded_input_file: d.loadedInputFile,
        loaded_by_refresh: d.loadedByRefresh,
        sources: own.length,
        rows_read: own.reduce((sum, s) => sum + s.rowsRead, 0),
      },
    );
  }
}

function describeMode(held: CarryOver, mode: 'full' | 'incremental'): string {
  if (held.carried) return `incremental: started from the last published warehouse (${held.lines} lines, ${held.sourceCount} source(s))`;
  return mode === 'incremental' ? `incremental, read as a full rebuild: ${held.reason}` : 'full rebuild: every input file read';
}

function describeSkip(d: FileDecision): string {
  const where = d.loadedInputFile === d.file.path ? '' : ` as ${d.loadedInputFile}`;
  return d.status === 'skipped_same_content'
    ? `${d.file.path}: skipped, same content as ${d.loadedInputFile} (sha256 ${d.file.sha256})`
    : `${d.file.path}: skipped, already loaded${where} by refresh ${d.loadedByRefresh} (sha256 ${d.file.sha256})`;
}

function describeSource(s: LoadedSource): string {
  const how =
    s.fileFormat === 'xlsx'
      ? `xlsx sheet ${s.sheetIndex}`
      : `csv${s.compression === 'gzip' ? '.gz' : ''}, ${s.encoding}, delimiter ${JSON.stringify(s.delimiter)}`;
  return `${s.sourceFile}: ${s.rowsRead} lines (${how}, ${s.headerLayout} layout)`;
}
