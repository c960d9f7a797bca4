/**
 * Not a test: runs extract -> validate -> transform -> model -> publish directly (no Temporal) on one input into
 * a temporary folder and prints each step's wall time and notes.
 * Usage: npx tsx scripts/dev/run-steps.ts [input] [outputDir] [--from model]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStepsDirectly, stepInput } from '../../activities/run-directly.js';
import { FULL_DATA_SET } from '../../runtime/project.js';
import type { StepName } from '../../schemas/steps.js';

const args = process.argv.slice(2);
const fromIndex = args.indexOf('--from');
const from = fromIndex >= 0 ? args[fromIndex + 1] : 'extract';
const positional = args.filter((_, i) => fromIndex < 0 || (i !== fromIndex && i !== fromIndex + 1));
const inputPath = positional[0] ?? FULL_DATA_SET;
const outputDir = positional[1] ?? mkdtempSync(join(tmpdir(), 'model-steps-'));
const input = stepInput({ refreshId: 'dev', warehouse: 'dev', inputPaths: [inputPath], outputDir });
console.log(`output: ${outputDir}`);
await runStepsDirectly(input, {
  from: from as StepName,
  onStep: (step, result, time) => {
    console.log(`${step}: ${time.wallMs} ms wall, ${result.cpuMs} ms CPU, rowsOut ${result.rowsOut}`);
    for (const note of result.notes) console.log(`  - ${note}`);
    if (step === 'model') for (const t of result.tables) console.log(`  ${t.name}: ${t.rows}`);
  },
});
