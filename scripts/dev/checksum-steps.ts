/**
 * Not a test: runs extract -> validate -> transform -> model once on one input into a temporary folder,
 * prints each step's wall and CPU time, the phase timings from the step notes, and one checksum per
 * table of the specification (row count, `bit_xor` and sum of the row hashes: `hash(t)` hashes the whole row;
 * the sum also catches a duplicated row, which the XOR would cancel), so that an optimisation can be shown to leave
 * every table identical: run it before and after and compare the checksum lines.
 * With `--staged <dir>` the extract and validate result is kept in (or reused from) <dir>, so repeated
 * runs time transform and model on the very same staging.
 * Usage: npx tsx scripts/dev/checksum-steps.ts [input] [--staged dir] [--json out.json]
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runStepsDirectly, stepInput } from '../../activities/run-directly.js';
import { quoteIdent, withDatabase } from '../../warehouse/db.js';
import { refreshLayout } from '../../warehouse/layout.js';
import { TABLES } from '../../warehouse/tables.js';
import { FULL_DATA_SET } from '../../runtime/project.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const inputPath = positional[0] ?? FULL_DATA_SET;
const staged = option('--staged');
const jsonOut = option('--json');
const outputDir = mkdtempSync(join(tmpdir(), 'checksum-steps-'));
const input = stepInput({ refreshId: 'dev', warehouse: 'dev', inputPaths: [inputPath], outputDir });
const layout = refreshLayout(outputDir, input.warehouse, input.refreshId);
const timings: Record<string, { wallMs: number; cpuMs: number; notes: string[] }> = {};

async function steps(from: 'extract' | 'transform', to: 'validate' | 'model'): Promise<void> {
  await runStepsDirectly(input, {
    from,
    to,
    onStep: (name, result, time) => {
      timings[name] = { ...time, notes: result.notes };
      console.log(`${name}: ${time.wallMs} ms wall, ${time.cpuMs} ms CPU, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
      for (const note of result.notes.filter((n) => n.includes('timings'))) console.log(`  - ${note}`);
    },
  });
}

try {
  const stagedDb = staged ? join(staged, 'work.duckdb') : undefined;
  if (stagedDb && existsSync(stagedDb)) {
    mkdirSync(dirname(layout.workDatabase), { recursive: true });
    copyFileSync(stagedDb, layout.workDatabase);
    console.log(`staging reused from ${stagedDb}`);
  } else {
    await steps('extract', 'validate');
    if (stagedDb) {
      mkdirSync(staged as string, { recursive: true });
      copyFileSync(layout.workDatabase, stagedDb);
    }
  }
  await steps('transform', 'model');
  const checksums: Record<string, string> = {};
  await withDatabase(layout.workDatabase, async (db) => {
    const present = new Set((await db.all<{ name: string }>('select table_name as name from duckdb_tables()')).map((t) => t.name));
    for (const spec of TABLES) {
      const t = quoteIdent(spec.name);
      checksums[spec.name] = present.has(spec.name)
        ? String((await db.all(`select count(*) || ':' || coalesce(bit_xor(hash(x)), 0) || ':' || coalesce(sum(hash(x)::hugeint), 0) as c from ${t} as x`))[0]?.c)
        : 'absent';
    }
  });
  for (const [name, sum] of Object.entries(checksums)) console.log(`checksum ${name} ${sum}`);
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ timings, checksums, load: loadavg() }, null, 2));
} finally {
  rmSync(outputDir, { recursive: true, force: true });
}
