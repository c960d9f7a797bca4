/**
 * Not a test: runs a whole refresh directly (no Temporal) on one input into a temporary folder and
 * prints one sha256 per published file, so that a change can be shown to leave every published file
 * byte-identical: run it before and after and compare the lines. The refresh id, the warehouse and the
 * clock are fixed, and the run is recorded without the steps' durations, so two runs of the same code
 * print the same lines.
 * Usage: npx tsx scripts/dev/published-checksums.ts [input] [--out checksums.txt]
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { DEFAULT_SAMPLE_PATH } from '../sample/sample-lines.js';
import { refreshLayout } from '../../warehouse/layout.js';
import { recordRun } from '../../activities/record-run.js';
import { runStepsDirectly, stepInput } from '../../activities/run-directly.js';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? args[outIndex + 1] : undefined;
const positional = args.filter((_, i) => outIndex < 0 || (i !== outIndex && i !== outIndex + 1));
const inputPath = positional[0] ?? DEFAULT_SAMPLE_PATH;
const outputDir = mkdtempSync(join(tmpdir(), 'published-checksums-'));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * The clock stands still at one instant for the whole run: the manifest, the dashboard and the
 * workbook (down to its zip entries) write the time they were made, and only that would differ.
 */
const FIXED_TIME = Date.parse('2020-01-01T00:00:00.000Z');
const RealDate = Date;
class FixedDate extends RealDate {
  constructor(...args: ConstructorParameters<DateConstructor> | []) {
    if (args.length === 0) super(FIXED_TIME);
    else super(...(args as [string | number | Date]));
  }
  static override now(): number {
    return FIXED_TIME;
  }
}
globalThis.Date = FixedDate as DateConstructor;

try {
  const input = stepInput({ refreshId: 'checksums', warehouse: 'checksums', inputPaths: [inputPath], outputDir });
  // Step durations are the one thing left that differs from run to run.
  const activities = { recordRun: (record: Parameters<typeof recordRun>[0]) => recordRun({ ...(record as object), steps: [] }) };
  await runStepsDirectly(input, { activities });
  const published = refreshLayout(outputDir, input.warehouse, input.refreshId).publishedRunDir;
  const lines = filesUnder(published)
    .sort()
    .map((file) => `${createHash('sha256').update(readFileSync(file)).digest('hex')}  ${relative(published, file)}`);
  for (const line of lines) console.log(line);
  if (out) writeFileSync(out, `${lines.join('\n')}\n`);
} finally {
  rmSync(outputDir, { recursive: true, force: true });
}
