import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadCsvFile } from '../../activities/extract/read-csv.js';
import { resolveInputFiles } from '../../activities/extract/input-files.js';
import { recordSource } from '../../activities/extract/sources.js';
import { createActivities } from '../../activities/index.js';
import { buildMarts } from '../../activities/transform.js';
import { runValidateSql } from '../../activities/validate.js';
import { tempDir } from '../../runtime/temp-dir.js';
import { runDataTests, describeFailures } from '../../warehouse/data-tests.js';
import { withDatabase, type Database } from '../../warehouse/db.js';
import { warehouseLayout } from '../../warehouse/layout.js';
import { sql } from '../../warehouse/sql.js';
import { MART_TABLES } from '../../warehouse/marts/index.js';
import { EXTRACT_TABLES, VALIDATE_TABLES } from '../../warehouse/staging/index.js';
import { ENCODING, MIXED_MARKER, MUTATION, WHOLE_FILE_MESSAGE, fileBytes, mutate, physicalLines, realLines, type Encoding, type Mutation } from './hostile-file.js';

/**
 * Generated hostility: real lines of the shared data set, mutated column by column (extreme and
 * malformed values of every type) and across line structure (quotes opening and closing lines
 * apart, separators, line breaks, blank lines, lone carriage returns, lines over the reader's
 * limit, UTF-8 / Windows-1252 / mixed / UTF-16 / CR-only encodings).
 *
 * The invariant, for every generated file: either
 *  - it is read, and every physical line is accounted for: lines of the file = header + lines read
 *    + blank lines + lines joined through quoted line breaks, and lines read = staged + quarantined
 *    + overlapping; every line read carries the number of the physical line it starts on; the
 *    lines of a mixed-encoding file are each decoded as their own encoding; no data test fails; or
 *  - it fails with a BadInput naming the file (and a line of it, where a line is to blame), and a
 *    UTF-16 or CR-only file says exactly that;
 * and never a crash, another error or a hang (each case is bounded in time).
 *
 * Two tiers: a fast one (PROPERTY_FAST_RUNS, default 200) runs the extract and validate code and
 * the staging and quality data tests on one in-memory DuckDB database (every twentieth case also builds
 * the marts and runs every data test); a small one (PROPERTY_RUNS,
 * default 4) runs the extract, validate and transform activities as the worker does, each on its
 * own database file. PROPERTY_SEED picks another seed for a larger sweep.
 */
const FAST_RUNS = Number(process.env.PROPERTY_FAST_RUNS ?? 200);
/** Every this many fast cases also build the marts and run every data test. */
const MARTS_EVERY = 20;
const RUNS = Number(process.env.PROPERTY_RUNS ?? 4);
const SEED = Number(process.env.PROPERTY_SEED ?? 20261202);
/** A case that takes longer than this is a hang. */
const CASE_TIMEOUT_MS = 10_000;

const dir = tempDir();
afterAll(() => dir.cleanup());

let header = '';
let sample: string[] = [];
beforeAll(async () => {
  ({ header, sample } = await realLines());
});

const CASE = fc.record({ mutations: fc.array(MUTATION, { minLength: 1, maxLength: 6 }), encoding: ENCODING });

/** Writes the case's file; a mixed-encoding file carries MIXED_MARKER in every plain description. */
function writeCase(name: string, mutations: Mutation[], encoding: Encoding): { file: string; bytes: Buffer } {
  const base = encoding === 'mixed' ? sample.map((l) => (l.split(',').length === 8 ? l.replace(/^([^,]*,[^,]*,[^,]*)/, `$1 ${MIXED_MARKER}`) : l)) : sample;
  const bytes = fileBytes(header, mutate(base, mutations), encoding);
  const file = join(dir.path, `${name}.csv`);
  writeFileSync(file, bytes);
  return { file, bytes };
}

async function bounded<T>(work: Promise<T>, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no result after ${CASE_TIMEOUT_MS} ms (a hang)`)), CASE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** A refused file: only BadInput, naming the file and, when it names a line, a line the file has. */
function expectBadInput(error: unknown, file: string, bytes: Buffer, encoding: Encoding): void {
  const failure = error as { type?: string; name?: string; message: string };
  expect(failure.type ?? failure.name, failure.message).toBe('BadInput');
  expect(failure.message).toContain(file);
  const line = /: line (\d+)/.exec(failure.message)?.[1];
  if (line) expect(Number(line)).toBeLessThanOrEqual(physicalLines(bytes).count);
  const whole = WHOLE_FILE_MESSAGE[encoding];
  if (whole) expect(failure.message).toContain(whole);
}

/** A read file: every physical line accounted for, every line numbered by its physical line. */
async function expectAccounted(db: Database, bytes: Buffer, encoding: Encoding): Promise<void> {
  const [audit] = await db.all<{ read: string; accounted: string; physical: string; blank: string; joined: string }>(
    `select sum(rows_read) as read, sum(rows_staged + rows_quarantined + rows_overlapping) as accounted,
            sum(physical_lines) as physical, sum(blank_lines) as blank, sum(lines_joined) as joined from load_audit`,
  );
  expect(audit?.accounted).toBe(audit?.read);
  const { count, lines } = physicalLines(bytes);
  expect(Number(audit?.physical)).toBe(count);
  expect(1 + Number(audit?.read) + Number(audit?.blank) + Number(audit?.joined)).toBe(count);
  // Each line's number is the physical line it starts on: that line starts with its invoice number.
  const raw = await db.all<{ line_number: string; invoice_no: string | null; description: string | null }>('select line_number, invoice_no, description from raw_sales_lines');
  for (const r of raw) {
    const text = lines[Number(r.line_number) - 1] ?? '';
    if (r.invoice_no && /^[\x21-\x7e]+$/.test(r.invoice_no) && !r.invoice_no.includes('"')) {
      expect(text.startsWith(r.invoice_no) || text.startsWith(`"${r.invoice_no}`), `line ${r.line_number}: ${text.slice(0, 80)}`).toBe(true);
    }
    if (encoding === 'mixed' && r.description?.includes('CAF')) expect(r.description).toContain(MIXED_MARKER);
  }
}

describe('generated hostile input', () => {
  it(`fast tier: extract, validate and data tests on one in-memory database (${FAST_RUNS} cases, seed ${SEED})`, async () => {
    let caseNumber = 0;
    let refused = 0;
    const started = performance.now();
    await withDatabase(':memory:', async (db) => {
      await fc.assert(
        fc.asyncProperty(CASE, async ({ mutations, encoding }) => {
          caseNumber++;
          const { file, bytes } = writeCase(`fast-${caseNumber}`, mutations, encoding);
          const steps = async () => {
            await db.run(sql('staging/raw_sales_lines.sql'));
            const [input] = resolveInputFiles([file]);
            const source = await loadCsvFile(db, file, input?.kind === 'csv-gzip');
            await recordSource(db, source, { sha256: 'generated', refreshId: `fast-${caseNumber}` });
            await runValidateSql(db, `fast-${caseNumber}`);
            // The marts cost twice extract and validate together: every MARTS_EVERY-th case builds them.
            const marts = caseNumber % MARTS_EVERY === 0;
            if (marts) await buildMarts(db);
            // the tables each step tests: extract's (but the raw lines), validate's, transform's
            const tables = [...EXTRACT_TABLES.filter((t) => t.name !== 'raw_sales_lines'), ...VALIDATE_TABLES, ...(marts ? MART_TABLES : [])];
            return runDataTests(db, tables);
          };
          let tests: Awaited<ReturnType<typeof steps>>;
          try {
            tests = await bounded(steps(), file);
          } catch (error) {
            if ((error as Error).message.includes('(a hang)')) throw error;
            expectBadInput(error, file, bytes, encoding);
            refused++;
            if (process.env.PROPERTY_DEBUG) console.log("REFUSED", encoding, (error as Error).message.replace(/^\S+: /, "").slice(0, 70));
            return;
          }
          expect(WHOLE_FILE_MESSAGE[encoding], `${file} should have been refused`).toBeUndefined();
          expect(describeFailures(tests.failures)).toBe('');
          await expectAccounted(db, bytes, encoding);
        }),
        { numRuns: FAST_RUNS, seed: SEED, endOnFailure: true },
      );
    }, { threads: 1 }); // a few hundred lines per case: one thread spends less time coordinating
    console.log(`fast tier: ${caseNumber} cases (${caseNumber - refused} read, ${refused} refused as BadInput) in ${Math.round(performance.now() - started)} ms`);
  }, 60_000 + FAST_RUNS * 1_000);

  it(`activity tier: the extract, validate and transform activities on a database file each (${RUNS} cases, seed ${SEED})`, async () => {
    let caseNumber = 0;
    await fc.assert(
      fc.asyncProperty(CASE, async ({ mutations, encoding }) => {
        caseNumber++;
        const refreshId = `case-${caseNumber}`;
        const { file, bytes } = writeCase(refreshId, mutations, encoding);
        const outputDir = join(dir.path, `out-${refreshId}`);
        const input = { refreshId, warehouse: 'property', inputPaths: [file], outputDir, options: { maxQuarantineShare: 1, keepRuns: 1 } };
        const activities = createActivities();
        try {
          await bounded(
            (async () => {
              await activities.extract(input);
              await activities.validate(input);
              await activities.transform(input);
            })(),
            file,
          );
        } catch (error) {
          if ((error as Error).message.includes('(a hang)')) throw error;
          expectBadInput(error, file, bytes, encoding);
          return;
        }
        expect(WHOLE_FILE_MESSAGE[encoding], `${file} should have been refused`).toBeUndefined();
        const database = warehouseLayout(outputDir, 'property', refreshId).workDatabase as string;
        await withDatabase(database, (db) => expectAccounted(db, bytes, encoding));
      }),
      { numRuns: RUNS, seed: SEED + 1, endOnFailure: true },
    );
  }, 30_000 + RUNS * 15_000);
});
