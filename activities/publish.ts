import { createHash } from 'node:crypto';
import { constants, copyFileSync, createReadStream, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { dashboardData } from '../reports/dashboard/data.js';
import { dashboardHtml } from '../reports/dashboard/html.js';
import { MAX_SHEET_ROWS, writeWorkbook } from '../reports/excel.js';
import { businessHeadline } from '../reports/headline.js';
import type { StepResult } from '../schemas/workflow.js';
import { quoteIdent, quoteLiteral, withDatabase, type Database } from '../warehouse/db.js';
import { PUBLISHED_TABLES, tablesOfLayer } from '../warehouse/tables.js';
import { copyRunHistory, writeRunRecord } from '../warehouse/run-history.js';
import { describeFailures, runDataTests } from '../warehouse/data-tests.js';
import { DataTestError, RefreshEndedError } from '../schemas/errors.js';
import { activityContext, runStep, type StepContext } from './step.js';

export interface ManifestTable {
  name: string;
  file: string;
  rows: number;
  columns: { name: string; type: string }[];
  sha256: string;
}

export interface Manifest {
  refreshId: string;
  warehouse: string;
  publishedAt: string;
  tables: ManifestTable[];
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

/** Writes a file so that readers see either the old or the new content, never a half-written one. */
function writeAtomically(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

/** Points `current` at the new run with one rename, so a reader never sees a mix of two runs. */
function switchCurrent(publishedRoot: string, refreshId: string, manifest: Manifest): void {
  const tmpLink = join(publishedRoot, `.current.${process.pid}.tmp`);
  rmSync(tmpLink, { force: true });
  symlinkSync(refreshId, tmpLink);
  renameSync(tmpLink, join(publishedRoot, 'current'));
  writeAtomically(join(publishedRoot, 'current.json'), `${JSON.stringify({ refreshId, folder: refreshId, tables: manifest.tables.length }, null, 2)}\n`);
}

/**
 * Keeps the newest `keep` published runs and their working databases, and removes the rest: older
 * published runs, and the working databases of refreshes that failed and were never published (a
 * reset continues the latest refresh only, so nothing can need them once a later one published).
 */
function pruneOldRuns(dirs: { publishedRoot: string; runsDir: string }, current: string, keep: number): string[] {
  const runs = readdirSync(dirs.publishedRoot, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => ({ name: e.name, manifest: join(dirs.publishedRoot, e.name, 'manifest.json') }));
  const dated = runs
    .map((r) => {
      try {
        return { name: r.name, at: (JSON.parse(readFileSync(r.manifest, 'utf8')) as Manifest).publishedAt };
      } catch {
        return { name: r.name, at: '' };
      }
    })
    .sort((a, b) => b.at.localeCompare(a.at));
  const kept = new Set([current, ...dated.slice(0, keep).map((r) => r.name)]);
  const removed = dated.filter((r) => !kept.has(r.name)).map((r) => r.name);
  for (const name of removed) rmSync(join(dirs.publishedRoot, name), { recursive: true, force: true });
  for (const entry of readdirSync(dirs.runsDir, { withFileTypes: true })) {
    if (entry.isDirectory() && !kept.has(entry.name)) rmSync(join(dirs.runsDir, entry.name), { recursive: true, force: true });
  }
  return removed;
}

/**
 * The refresh this publish belongs to, when it runs as an activity of a workflow: its id and start,
 * read from the Temporal server. A publish called directly (scripts, tests) has none.
 */
async function owningWorkflow(): Promise<{ workflowId: string; runId: string; startedAt: string } | undefined> {
  const ctx = activityContext();
  const execution = ctx?.info.workflowExecution;
  if (!ctx || !execution) return undefined;
  const described = await ctx.client.workflow.getHandle(execution.workflowId, execution.runId).describe();
  return { workflowId: execution.workflowId, runId: execution.runId, startedAt: described.startTime.toISOString() };
}

/**
 * Throws unless the refresh still runs and has not been asked to stop: a cancelled or terminated
 * refresh must never switch `current`. Asked of the server itself, right before the switch, since a
 * cancellation reaches a running activity only with a later heartbeat.
 */
async function assertStillWanted(owner: { workflowId: string; runId: string } | undefined): Promise<void> {
  const ctx = activityContext();
  if (!ctx || !owner) return;
  const { status } = await ctx.client.workflow.getHandle(owner.workflowId, owner.runId).describe();
  if (status.name !== 'RUNNING') throw new RefreshEndedError(`publish: the refresh is ${status.name.toLowerCase()}; \`current\` was left as it was`);
  if (ctx.cancellationSignal.aborted) throw new RefreshEndedError('publish: the refresh was cancelled; `current` was left as it was');
}

/** A file written into the run folder beside the Parquet files, from the working database. */
export interface PublishWriter {
  file: string;
  write(db: Database, target: string, ctx: StepContext): Promise<string | undefined>;
}

/** The workbook and the dashboard; each returns a note for the run summary. */
export const DEFAULT_WRITERS: readonly PublishWriter[] = [
  {
    file: 'workbook.xlsx',
    async write(db, target, { input, progress }) {
      const sheets = await writeWorkbook(db, PUBLISHED_TABLES, target, { refreshId: input.refreshId, warehouse: input.warehouse, progress });
      const cut = sheets.filter((s) => s.rows < s.total).map((s) => s.sheet);
      return `workbook: ${sheets.length + 1} sheets${cut.length ? ` (${cut.join(', ')} cut at ${MAX_SHEET_ROWS.toLocaleString('en-GB')} rows)` : ''}`;
    },
  },
  {
    file: 'dashboard.html',
    async write(db, target, { input }) {
      const data = await dashboardData(db, PUBLISHED_TABLES, { refreshId: input.refreshId, warehouse: input.warehouse });
      writeFileSync(target, dashboardHtml(data));
      return undefined;
    },
  },
];

/**
 * Publish: writes every published table as Parquet into a folder of its own with a manifest, copies
 * the database beside it, then switches `current` to it. A failure before the switch leaves the
 * previous publication untouched.
 */
export async function publish(rawInput: unknown): Promise<StepResult> {
  return publishWith(rawInput, DEFAULT_WRITERS);
}

/** Publish with a given set of extra writers (tests use it to make a publication fail midway). */
export async function publishWith(rawInput: unknown, writers: readonly PublishWriter[]): Promise<StepResult> {
  return runStep('publish', rawInput, async (ctx) => {
    const { input, layout } = ctx;
    const dir = layout.publishedRunDir;
    const owner = await owningWorkflow();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      return await publishInto(ctx, dir, writers, owner);
    } catch (err) {
      // Nothing points at an unfinished run; removing it keeps it from being mistaken for one later.
      if (realCurrent(layout.publishedRoot) !== input.refreshId) rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  });
}

function realCurrent(publishedRoot: string): string | undefined {
  try {
    return readlinkSync(join(publishedRoot, 'current'));
  } catch {
    return undefined;
  }
}

/**
 * Every published table as a Parquet file in `dir`, rows in primary-key order (a table stored in key
 * order is copied as stored: DuckDB keeps insertion order), with its manifest entry.
 */
async function writeParquetFiles(db: Database, dir: string): Promise<ManifestTable[]> {
  const written: ManifestTable[] = [];
  for (const spec of PUBLISHED_TABLES) {
    const file = `${spec.name}.parquet`;
    const columns = spec.columns.map((c) => quoteIdent(c.name)).join(', ');
    const order = spec.storedInKeyOrder ? '' : ` order by ${spec.primaryKey.map(quoteIdent).join(', ')}`;
    // COPY takes no parameter for its target; the path is ours (never from input) and quoted.
    await db.run(`copy (select ${columns} from ${quoteIdent(spec.name)}${order}) to ${quoteLiteral(join(dir, file))} (format parquet, compression snappy)`);
    written.push({
      name: spec.name,
      file,
      rows: await db.number(`select count(*) from ${quoteIdent(spec.name)}`),
      columns: spec.columns.map((c) => ({ name: c.name, type: c.type })),
      sha256: await sha256(join(dir, file)),
    });
  }
  return written;
}

async function publishInto(
  ctx: StepContext,
  dir: string,
  writers: readonly PublishWriter[],
  owner: Awaited<ReturnType<typeof owningWorkflow>>,
): Promise<Omit<StepResult, 'step' | 'durationMs'>> {
  const { input, layout, progress } = ctx;
  const notes: string[] = [];
  let headline: string[] = [];
  const tables: ManifestTable[] = await withDatabase(layout.workDatabase, async (db) => {
    progress('copying the run history');
    await copyRunHistory(db, layout.root);
    // The published history includes this refresh as completed: it is published only if it completes.
    // The warehouse's own history says so only once the workflow has seen publish succeed.
    if (owner) {
      const now = new Date().toISOString();
      await writeRunRecord(db, { refreshId: input.refreshId, workflowId: owner.workflowId, runId: owner.runId, status: 'completed', startedAt: owner.startedAt, finishedAt: now, steps: input.completedSteps });
    }
    const { failures } = await runDataTests(db, tablesOfLayer('operations'));
    if (failures.length) throw new DataTestError(describeFailures(failures));
    // The workbook and the dashboard are mostly JavaScript and the Parquet files mostly DuckDB's own
    // threads, so they are written side by side, on two connections.
    progress(`writing ${PUBLISHED_TABLES.length} Parquet files, ${writers.map((w) => w.file).join(' and ')}`);
    const writersDb = await db.connect();
    const writing = (async () => {
      for (const writer of writers) {
        const note = await writer.write(writersDb, join(dir, writer.file), ctx);
        if (note) notes.push(note);
      }
    })();
    writing.catch(() => undefined); // awaited below; a failing COPY first must not leave it unhandled
    const written = await writeParquetFiles(db, dir);
    await writing;
    headline = await businessHeadline(db, PUBLISHED_TABLES);
    return written;
  });

  const manifest: Manifest = { refreshId: input.refreshId, warehouse: input.warehouse, publishedAt: new Date().toISOString(), tables };
  writeAtomically(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  progress('copying the database');
  const tmpDb = `${layout.database}.${process.pid}.tmp`;
  copyFileSync(layout.workDatabase, tmpDb, constants.COPYFILE_FICLONE); // a reflink where the file system has them
  try {
    await assertStillWanted(owner);
  } catch (err) {
    rmSync(tmpDb, { force: true });
    throw err;
  }
  renameSync(tmpDb, layout.database);

  switchCurrent(layout.publishedRoot, input.refreshId, manifest);
  const removed = pruneOldRuns(layout, input.refreshId, input.options.keepRuns);
  const rows = tables.reduce((sum, t) => sum + t.rows, 0);
  return {
    rowsIn: rows,
    rowsOut: rows,
    tables: tables.map((t) => ({ name: `${t.name}.parquet`, rows: t.rows })),
    headline,
    notes: [...notes, ...(removed.length ? [`removed ${removed.length} older run(s)`] : [])],
    outputs: {
      publishedDir: join(layout.publishedRoot, 'current'),
      runDir: dir,
      databaseFile: layout.database,
      ...Object.fromEntries(writers.map((w) => [w.file.replace(/\.\w+$/, ''), join(dir, w.file)])),
    },
  };
}
