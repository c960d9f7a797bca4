import { existsSync } from 'node:fs';

import { quoteLiteral, type Database } from '../../warehouse/db.js';
import type { HeldSource } from './load-plan.js';

export type CarryOver =
  | { carried: true; sources: HeldSource[]; sourceCount: number; lines: number }
  | { carried: false; reason: string };

/** Columns the published raw_sources must have for its files to be recognised by content. */
const NEEDED_COLUMNS = ['source_file', 'input_file', 'content_sha256', 'loaded_by_refresh'];

/**
 * Starts an incremental refresh from the last published warehouse: attaches its database file
 * read-only and copies its raw lines and sources into this run's (empty) tables, so the steps after
 * extract see every line ever loaded and rebuild everything from them as a full rebuild would.
 * Without a published warehouse, or one from before content hashes were recorded, nothing is
 * carried over and the refresh reads every file (the reason is returned for the notes).
 */
export async function carryOverPublished(db: Database, databaseFile: string): Promise<CarryOver> {
  if (!existsSync(databaseFile)) return { carried: false, reason: `no published warehouse at ${databaseFile} yet` };
  // ATTACH takes no parameter for its path; the path comes from the warehouse layout, not from input.
  await db.run(`attach ${quoteLiteral(databaseFile)} as published (read_only)`);
  try {
    const columns = await db.all<{ table_name: string; column_name: string }>(
      `select table_name, column_name from duckdb_columns() where database_name = 'published' and table_name in ('raw_sources', 'raw_sales_lines')`,
    );
    const sourceColumns = new Set(columns.filter((c) => c.table_name === 'raw_sources').map((c) => c.column_name));
    const missing = NEEDED_COLUMNS.filter((c) => !sourceColumns.has(c));
    if (!columns.some((c) => c.table_name === 'raw_sales_lines') || missing.length) {
      return { carried: false, reason: `the published warehouse ${databaseFile} does not record its input files' content (missing ${missing.join(', ') || 'raw_sales_lines'})` };
    }
    await db.run('insert into raw_sources by name select * from published.raw_sources');
    await db.run('insert into raw_sales_lines by name select * from published.raw_sales_lines');
    const sources = await db.all<{ inputFile: string; sha256: string; loadedByRefresh: string }>(
      `select input_file as "inputFile", content_sha256 as "sha256", any_value(loaded_by_refresh) as "loadedByRefresh"
       from raw_sources group by all order by all`,
    );
    return {
      carried: true,
      sources,
      sourceCount: await db.number('select count(*) from raw_sources'),
      lines: await db.number('select count(*) from raw_sales_lines'),
    };
  } finally {
    await db.run('detach published');
  }
}

/** Removes the held lines and sources of input files that are read again (their content changed). */
export async function dropHeldFiles(db: Database, inputFiles: readonly string[]): Promise<number> {
  let lines = 0;
  for (const inputFile of inputFiles) {
    const params = { input_file: inputFile };
    lines += await db.number(
      'select count(*) from raw_sales_lines where source_file in (select source_file from raw_sources where input_file = $input_file)',
      params,
    );
    await db.run('delete from raw_sales_lines where source_file in (select source_file from raw_sources where input_file = $input_file)', params);
    await db.run('delete from raw_sources where input_file = $input_file', params);
  }
  return lines;
}
