import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createActivities } from '../../activities/index.js';
import { runStepsDirectly, stepInput as completeStepInput } from '../../activities/run-directly.js';
import { toCsv } from '../../scripts/sample/csv.js';
import { generateSampleLines } from '../../scripts/sample/sample-lines.js';
import { withDatabase } from '../../warehouse/db.js';
import { refreshLayout, warehouseLayout } from '../../warehouse/layout.js';
import { generateHostileCases, reasonOf, REASONS, type HostileCase } from '../fixtures/hostile/hostile-cases.js';
import { tempDir } from '../../runtime/temp-dir.js';

// 120 seeded cases (HOSTILE_CASES for more); every 15th runs all five steps (in a warehouse of its
// own, see below). The generated property test (test/property) adds 200 cheaper cases each run.
const CASES = generateHostileCases({ seed: 4242, count: Number(process.env.HOSTILE_CASES ?? 120), fullEvery: 15 });
const CASE_TIMEOUT_MS = 10_000;
const FULL_CASE_TIMEOUT_MS = 30_000;

const root = tempDir('hostile-');
const inputs = join(root.path, 'inputs');
const outputDir = join(root.path, 'output');
/** Extract + validate cases run in the published warehouse 'w', which must come out unchanged. */
const WAREHOUSE = 'w';
/** Whole-pipeline cases publish when they succeed, so they use a warehouse of their own. */
const FULL_WAREHOUSE = 'w-full';
const activities = createActivities();
const tally = new Map<string, number>();

/**
 * Cases that reveal a bug in the code under test; kept, marked as failing, until the code is fixed.
 * (case-262, lines of one invoice with different customers or countries, was one: such lines are
 * now quarantined by the contract.)
 */
const KNOWN_ISSUES: Record<string, string> = {};

const stepInput = (warehouse: string, refreshId: string, path: string) => completeStepInput({ refreshId, warehouse, inputPaths: [path], outputDir });

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** What readers of a warehouse see: where `current` points and the bytes of its manifest and database. */
function publishedState(warehouse: string) {
  const layout = warehouseLayout(outputDir, warehouse);
  if (!existsSync(layout.currentLink)) return undefined;
  return {
    current: readlinkSync(layout.currentLink),
    manifest: sha256(join(layout.currentLink, 'manifest.json')),
    currentJson: sha256(layout.currentManifest),
    database: sha256(layout.database),
    runs: readdirSync(layout.publishedRoot).sort(),
  };
}

/** Runs every step as the workflow does, recording the run before publish (publish copies the history). */
async function runAll(warehouse: string, refreshId: string, path: string) {
  await runStepsDirectly(stepInput(warehouse, refreshId, path));
}

function withTimeout<T>(work: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no outcome within ${ms} ms (hang)`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function topLevel(dir: string): string[] {
  return readdirSync(dir).sort();
}

const before = { project: topLevel(process.cwd()), tmp: [] as string[], published: undefined as ReturnType<typeof publishedState> };

beforeAll(async () => {
  mkdirSync(inputs, { recursive: true });
  const good = join(inputs, 'good.csv');
  writeFileSync(good, toCsv(generateSampleLines({ seed: 20101201, lines: 1500 }).slice(0, 301)));
  await runAll(WAREHOUSE, 'good', good);
  before.published = publishedState(WAREHOUSE);
  before.tmp = topLevel(root.path);
});

afterAll(() => root.cleanup());

async function checkSuccess(c: HostileCase, warehouse: string, refreshId: string, path: string): Promise<void> {
  expect(c.expect.successAllowed, `${c.id} (${c.mutations.join(', ')}) should have failed with one of ${c.expect.bad.join(' ')}`).toBe(true);
  const database = refreshLayout(outputDir, warehouse, refreshId).workDatabase;
  await withDatabase(database, async (db) => {
    const audit = await db.all<{ source_file: string; rows_read: string; rows_staged: string; rows_quarantined: string; rows_overlapping: string }>(
      'select source_file, rows_read, rows_staged, rows_quarantined, rows_overlapping from load_audit',
    );
    expect(audit.map((a) => a.source_file)).toEqual([path]);
    for (const a of audit) expect(Number(a.rows_read)).toBe(Number(a.rows_staged) + Number(a.rows_quarantined) + Number(a.rows_overlapping));
    const read = audit.reduce((sum, a) => sum + Number(a.rows_read), 0);
    if (c.expect.dataRows !== undefined) expect(read, `${c.id}: rows read`).toBe(c.expect.dataRows);
    for (const cell of c.cells) {
      const [raw] = await db.all<Record<string, string | null>>(`select ${cell.column} as v from raw_sales_lines where line_number = $n`, { n: cell.lineNumber });
      expect(raw?.v, `${c.id}: raw ${cell.column} of line ${cell.lineNumber}`).toBe(cell.raw);
      const [staged] = await db.all<Record<string, string | null>>(`select ${cell.column}::varchar as v from stg_sales_lines where line_number = $n`, { n: cell.lineNumber });
      const trimmed = cell.raw.replace(/^ +| +$/g, '');
      if (staged && trimmed) expect(staged.v, `${c.id}: staged ${cell.column} of line ${cell.lineNumber}`).toBe(cell.column === 'stock_code' ? trimmed.toUpperCase() : trimmed);
    }
  });
}

function checkFailure(c: HostileCase, err: unknown, path: string): string {
  expect(err, `${c.id}: ${(err as Error)?.stack ?? String(err)}`).toBeInstanceOf(ApplicationFailure);
  const failure = err as ApplicationFailure;
  expect({ type: failure.type, nonRetryable: failure.nonRetryable }, `${c.id}: ${failure.message}`).toEqual({ type: 'BadInput', nonRetryable: true });
  expect(failure.message, c.id).toContain(path);
  const kind = reasonOf(failure.message);
  expect(
    c.expect.bad.some((r) => r.test(failure.message)),
    `${c.id} (${c.mutations.join(', ')}): unexpected failure: ${failure.message.slice(0, 400)}`,
  ).toBe(true);
  const quarantined = REASONS.quarantined.exec(failure.message);
  if (quarantined && c.expect.dataRows !== undefined) expect(Number(quarantined[2]), `${c.id}: rows read in ${failure.message}`).toBe(c.expect.dataRows);
  if (c.expect.line !== undefined && (kind === 'fieldCount' || kind === 'lineError')) expect(failure.message, c.id).toContain(`line ${c.expect.line}`);
  return kind;
}

describe('hostile and broken input ends in a full count or a clear BadInput, never a crash, hang or changed warehouse', () => {
  for (const c of CASES) {
    (KNOWN_ISSUES[c.id] ? it.fails : it)(`${c.id}${c.full ? ' (all steps)' : ''}: ${c.mutations.join(', ')}`, { timeout: (c.full ? FULL_CASE_TIMEOUT_MS : CASE_TIMEOUT_MS) + 5_000 }, async () => {
      const path = join(inputs, c.fileName);
      writeFileSync(path, c.bytes);
      const refreshId = `hostile-${c.id}`;
      const warehouse = c.full ? FULL_WAREHOUSE : WAREHOUSE;
      const publishedBefore = publishedState(warehouse);
      const work = c.full
        ? runAll(warehouse, refreshId, path)
        : (async () => {
            await activities.extract(stepInput(warehouse, refreshId, path));
            await activities.validate(stepInput(warehouse, refreshId, path));
          })();
      const error = await withTimeout(work, c.full ? FULL_CASE_TIMEOUT_MS : CASE_TIMEOUT_MS, c.id).then(
        () => undefined,
        (err: unknown) => err ?? new Error('rejected without a reason'),
      );
      if (error instanceof Error && /no outcome within/.test(error.message)) throw error;
      if (error === undefined) {
        await checkSuccess(c, warehouse, refreshId, path);
        tally.set('success', (tally.get('success') ?? 0) + 1);
        if (c.full) expect(publishedState(warehouse)?.current).toBe(refreshId);
        else expect(publishedState(warehouse)).toEqual(publishedBefore);
      } else {
        const kind = checkFailure(c, error, path);
        tally.set(kind, (tally.get(kind) ?? 0) + 1);
        expect(publishedState(warehouse)).toEqual(publishedBefore);
        expect(existsSync(refreshLayout(outputDir, warehouse, refreshId).publishedRunDir)).toBe(false);
      }
      if (!c.full) rmSync(refreshLayout(outputDir, warehouse, refreshId).runDir, { recursive: true, force: true });
      rmSync(path, { force: true });
    });
  }

  it('leaves the published warehouse exactly as it was, and writes nothing outside the output folder', () => {
    expect(before.published?.current).toBe('good');
    expect(publishedState(WAREHOUSE)).toEqual(before.published);
    expect(topLevel(root.path)).toEqual(before.tmp);
    // Other work may add files to the project meanwhile; only names a payload could create count.
    const created = topLevel(process.cwd()).filter((name) => !before.project.includes(name));
    expect(created.filter((name) => /^(etc|passwd|shadow|C:|Windows|~|CON|NUL|file:|%2e|United Kingdom|\\\\)/i.test(name))).toEqual([]);
    expect(topLevel(outputDir)).toEqual([WAREHOUSE, FULL_WAREHOUSE].sort());
    const everything = readdirSync(outputDir, { recursive: true }).map(String);
    expect(everything.filter((p) => /passwd|shadow|Windows|bashrc|server/i.test(p))).toEqual([]);
  });

  it('covers both outcomes and several failure kinds', () => {
    const summary = Object.fromEntries([...tally.entries()].sort((a, b) => b[1] - a[1]));
    console.info(`hostile cases: ${JSON.stringify(summary)}`);
    expect([...tally.values()].reduce((a, b) => a + b, 0)).toBe(CASES.length - Object.keys(KNOWN_ISSUES).length);
    expect(tally.get('success') ?? 0).toBeGreaterThan(CASES.length / 5);
    expect(tally.size).toBeGreaterThanOrEqual(6);
  });
});
