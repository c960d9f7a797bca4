/**
 * Benchmark of the transform step alone: stages the input with extract and validate, then times
 * transform (star schema, cancellation match, marts and data tests) on that staging.
 * Run: npx tsx scripts/bench/transform.ts [input] [runs]
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { runStepsDirectly, stepInput } from '../../activities/run-directly.js';
import { FULL_DATA_SET } from '../../runtime/project.js';
import { tempDir } from '../../runtime/temp-dir.js';

export interface TransformBench {
  input: string;
  rowsIn: number;
  /** Wall time of each transform run in ms, as measured around the activity call. */
  runsMs: number[];
  /** CPU time (user + system, all DuckDB threads) of each run in ms: steadier than wall time on a shared machine. */
  cpuMs: number[];
  /** The step's own duration of the fastest run, and its notes (match counts, tests run). */
  bestMs: number;
  notes: string[];
}

/** Runs extract and validate on `inputPath` in a temporary folder, then times `runs` transforms of the same staging. */
export async function benchTransform(inputPath: string, runs = 3): Promise<TransformBench> {
  const dir = tempDir('bench-transform-');
  try {
    const input = stepInput({ refreshId: 'bench', warehouse: 'bench', inputPaths: [resolve(inputPath)], outputDir: dir.path });
    await runStepsDirectly(input, { to: 'validate' });
    const runsMs: number[] = [];
    const cpuMs: number[] = [];
    let notes: string[] = [];
    let rowsIn = 0;
    for (let i = 0; i < runs; i += 1) {
      await runStepsDirectly(input, {
        from: 'transform',
        to: 'transform',
        onStep: (_step, result, time) => {
          runsMs.push(time.wallMs);
          cpuMs.push(time.cpuMs);
          notes = result.notes;
          rowsIn = result.rowsIn;
        },
      });
    }
    return { input: inputPath, rowsIn, runsMs, cpuMs, bestMs: Math.min(...runsMs), notes };
  } finally {
    dir.cleanup();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const input = process.argv[2] ?? FULL_DATA_SET;
  const result = await benchTransform(input, Number(process.argv[3] ?? 3));
  console.log(`transform of ${result.rowsIn} staged lines: wall ${result.runsMs.join(', ')} ms (best ${result.bestMs} ms); CPU ${result.cpuMs.join(', ')} ms`);
  for (const note of result.notes) console.log(`  ${note}`);
}
