import { statSync } from 'node:fs';

import { onStepStop } from './stop-scope.js';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';

import { runSettings } from '../schemas/settings.js';

export type Params = Record<string, DuckDBValue> | DuckDBValue[];
export type Row = Record<string, unknown>;

/** A small facade over one DuckDB connection: values are always bound as parameters. */
export interface Database {
  /** Runs one or more statements; values bind to `$name` placeholders. */
  run(sql: string, params?: Params): Promise<void>;
  /** Returns rows as JSON-safe objects (BIGINT and DECIMAL come back as strings). */
  all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]>;
  /** Returns the first column of the first row as a number (for counts and sums). */
  number(sql: string, params?: Params): Promise<number>;
  /**
   * Another connection to the same database, for work that runs at the same time as this one's
   * (DuckDB runs the two side by side); closed with the database.
   */
  connect(): Promise<Database>;
  readonly connection: DuckDBConnection;
}

export interface OpenOptions {
  /** DuckDB's memory_limit, e.g. '4GB'; beyond it DuckDB spills to a folder beside the file. */
  memoryLimit?: string;
  threads?: number;
}

/** Bounds of the default memory limit, in MB. */
const MIN_MEMORY_MB = 768;
const MAX_MEMORY_MB = 2048;

/**
 * DuckDB's memory limit for a database file unless a caller sets one: WAREHOUSE_MEMORY_LIMIT, else
 * twice the file's size, at least 768 MB and at most 2 GB (DuckDB's own default is 80% of the
 * machine). The full data set and ten times it work in 768 MB, which keeps the whole process tree
 * at ten times the data under 2 GB (1 GB was about as fast and took 160 MB more); a hundred times
 * the data (a database of several GB) gets 2 GB for its largest statements. Past the limit DuckDB
 * spills joins, aggregates and sorts to disk beside the database.
 */
export function memoryLimitFor(file: string): string {
  const { WAREHOUSE_MEMORY_LIMIT } = runSettings();
  if (WAREHOUSE_MEMORY_LIMIT) return WAREHOUSE_MEMORY_LIMIT;
  let bytes = 0;
  try {
    bytes = file === ':memory:' ? 0 : statSync(file).size;
  } catch {
    bytes = 0; // a new database
  }
  const mb = Math.min(MAX_MEMORY_MB, Math.max(MIN_MEMORY_MB, Math.ceil((2 * bytes) / 2 ** 20)));
  return `${mb}MB`;
}

/**
 * Opens the database file, runs `fn` with it and always closes it, so that a later activity
 * (possibly in another process) can open the same file.
 */
export async function withDatabase<T>(file: string, fn: (db: Database) => Promise<T>, options: OpenOptions = {}): Promise<T> {
  const settings: Record<string, string> = {};
  settings.memory_limit = options.memoryLimit ?? memoryLimitFor(file);
  const threads = options.threads ?? runSettings().WAREHOUSE_THREADS;
  if (threads) settings.threads = String(threads);
  const opened = performance.now();
  const instance = await DuckDBInstance.create(file, settings);
  const connections = [await instance.connect()];
  // A step that is stopped (cancelled, timed out) interrupts its statements at once, so its attempt
  // ends and closes the file before a retry opens it.
  const unregister = [onStepStop(() => connections.forEach((c) => c.interrupt()))];
  const connect = async (): Promise<Database> => {
    const connection = await instance.connect();
    connections.push(connection);
    return wrap(connection, connect);
  };
  profile(`open (memory limit ${settings.memory_limit})`, opened);
  try {
    return await fn(wrap(connections[0] as DuckDBConnection, connect));
  } finally {
    for (const done of unregister) done();
    const closing = performance.now();
    for (const connection of connections) connection.closeSync();
    instance.closeSync();
    profile('close (checkpoint)', closing);
  }
}

/** WAREHOUSE_PROFILE=1 prints every statement's time and the resident set after it to stderr: the quickest way to find a hot spot. */
const PROFILE = runSettings().WAREHOUSE_PROFILE;

/** Runs a multi-statement string one statement at a time, so that each gets its own timing. */
async function runProfiled(connection: DuckDBConnection, sql: string): Promise<void> {
  const statements = await connection.extractStatements(sql);
  const labels = sql.split(/;\s*\n/).filter((part) => part.replace(/--[^\n]*/g, '').trim());
  for (let i = 0; i < statements.count; i++) {
    const started = performance.now();
    await (await statements.prepare(i)).run();
    profile(statements.count === labels.length ? (labels[i] as string) : `statement ${i + 1} of ${statements.count}`, started);
  }
}

function profile(what: string, started: number): void {
  if (!PROFILE) return;
  const ms = performance.now() - started;
  const first = what.replace(/--[^\n]*\n/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 110);
  // The resident set after the statement shows which statements grow the process, not only the slow ones.
  const rss = (process.memoryUsage.rss() / 2 ** 20).toFixed(0);
  process.stderr.write(`[sql ${ms.toFixed(0).padStart(5)} ms, rss ${rss.padStart(5)} MB] ${first}\n`);
}

function wrap(connection: DuckDBConnection, connect: () => Promise<Database>): Database {
  const all = async <T extends Row>(sql: string, params?: Params) => {
    const started = performance.now();
    const rows = (await connection.runAndReadAll(sql, params)).getRowObjectsJson() as T[];
    profile(sql, started);
    return rows;
  };
  return {
    connection,
    connect,
    async run(sql, params) {
      if (params && (Array.isArray(params) ? params.length : Object.keys(params).length)) {
        const started = performance.now();
        await connection.run(sql, params);
        profile(sql, started);
      } else if (PROFILE) {
        await runProfiled(connection, sql); // times each statement itself
      } else {
        // Without parameters DuckDB accepts several statements in one string (a whole .sql file).
        await connection.run(sql);
      }
    },
    all,
    async number(sql, params) {
      const rows = await all(sql, params);
      const first = rows[0] ? Object.values(rows[0])[0] : null;
      return first === null || first === undefined ? 0 : Number(first);
    },
  };
}

/** Quotes an identifier built at run time (a table or column name) for DuckDB. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal where DuckDB takes no parameter (COPY targets, a data test's accepted values). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
