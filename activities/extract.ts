import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mkdirSync, rmSync } from 'node:fs';

import type { StepResult } from '../schemas/workflow.js';
import { withDatabase } from '../warehouse/db.js';
import { sql } from '../warehouse/sql.js';
import { BadInputError } from './errors.js';
import { runStep } from './step.js';

/** Expands folders into the data files they hold and checks every file exists. */
export function resolveInputFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const given of paths) {
    const path = resolve(given);
    if (!existsSync(path)) throw new BadInputError(`${given}: file not found`);
    if (statSync(path).isDirectory()) {
      const inside = readdirSync(path)
        .filter((name) => /\.(csv|csv\.gz|txt)$/i.test(name))
        .sort()
        .map((name) => join(path, name));
      if (inside.length === 0) throw new BadInputError(`${given}: folder holds no .csv or .csv.gz file`);
      files.push(...inside);
    } else {
      files.push(path);
    }
  }
  return files;
}

/**
 * Extract: stages every input line as text in `raw_sales_lines` of this refresh's working database,
 * with its source file and line number. Starts from a fresh database, so a retry or reset is safe.
 */
export async function extract(rawInput: unknown): Promise<StepResult> {
  return runStep('extract', rawInput, async ({ input, layout, progress }) => {
    const files = resolveInputFiles(input.inputPaths);
    rmSync(layout.runDir, { recursive: true, force: true });
    mkdirSync(layout.runDir, { recursive: true });
    return withDatabase(layout.workDatabase, async (db) => {
      await db.run(sql('staging/create_raw_sales_lines.sql'));
      for (const [i, file] of files.entries()) {
        progress(`reading ${file} (${i + 1} of ${files.length})`);
        await db.run(sql('staging/load_csv.sql'), { path: file });
      }
      const rows = await db.number('select count(*) from raw_sales_lines');
      return {
        rowsIn: rows,
        rowsOut: rows,
        tables: [{ name: 'raw_sales_lines', rows }],
        notes: [`${files.length} input file(s)`],
        outputs: {},
      };
    });
  });
}
