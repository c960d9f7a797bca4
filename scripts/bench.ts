/**
 * Benchmark: runs whole refreshes through Temporal on one input and records, per step and in total,
 * wall time, CPU time and the peak memory of the process tree (this process and the dev server).
 * The first refresh is "cold" (server start, worker start, bundle); the next ones are "warm".
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { execSync } from 'node:child_process';

import { loadTemporalSettings } from '../schemas/config.js';
import type { RefreshResult } from '../schemas/workflow.js';
import { installSdkLogging } from '../runtime/logging.js';
import { openTemporal, startRefresh } from '../runtime/local-refresh.js';
import { PROJECT_ROOT } from '../runtime/project.js';
import { createRefreshWorker } from '../runtime/worker.js';
import { workflowBundlePath } from '../runtime/workflow-bundle.js';
import { sampleTreeMemory } from './bench/memory.js';
import { parseCli, runMain } from './cli.js';
import { tempDir } from '../runtime/temp-dir.js';

const FULL_DATA = resolve(PROJECT_ROOT, '..', 'shared', 'data', 'online_retail.csv.gz');

const USAGE = `
Usage: npm run bench -- [--input <file>] [--warm-runs <n>] [--out <file.json>]

Runs a cold refresh and then warm refreshes of the same input and writes per-step wall time, CPU
time and peak memory as JSON (default bench-results/bench-<time>.json) and as a table.

Options:
  --input <file>     sales lines (default: ../shared/data/online_retail.csv.gz)
  --warm-runs <n>    warm refreshes after the cold one (default 2)
  --out <file>       where to write the JSON
  -h, --help         show this help
`;

interface RunFigures {
  kind: 'cold' | 'warm';
  wallMs: number;
  steps: { step: string; wallMs: number; cpuMs?: number; rowsIn: number; rowsOut: number }[];
}

function gitCommit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

runMain(async () => {
  const args = parseCli(USAGE, {
    input: { type: 'string' },
    'warm-runs': { type: 'string', default: '2' },
    out: { type: 'string' },
  });
  const input = resolve(args.input ?? FULL_DATA);
  if (!existsSync(input)) throw new Error(`input not found: ${args.input ?? FULL_DATA}`);
  const warmRuns = Number(args['warm-runs']);
  if (!Number.isInteger(warmRuns) || warmRuns < 0) throw new Error('--warm-runs must be a whole number >= 0');
  installSdkLogging('WARN');

  const work = tempDir('warehouse-bench-');
  const started = performance.now();
  let serverPid: number | undefined;
  const memory = sampleTreeMemory(() => (serverPid ? [serverPid] : []));
  const session = await openTemporal({ settings: loadTemporalSettings(), outputDir: work.path, uiPort: false, port: 0 });
  const serverMs = performance.now() - started;
  const bundleStart = performance.now();
  await workflowBundlePath();
  const bundleMs = performance.now() - bundleStart;
  const workerStart = performance.now();
  const worker = await createRefreshWorker({ connection: session.workerConnection, namespace: session.namespace, taskQueue: session.taskQueue });
  const workerMs = performance.now() - workerStart;

  const runs: RunFigures[] = [];
  try {
    await worker.runUntil(async () => {
      for (let i = 0; i <= warmRuns; i++) {
        const runStart = performance.now();
        const handle = await startRefresh(session.client, session.taskQueue, {
          warehouse: 'bench',
          inputPaths: [input],
          outputDir: work.path,
          refreshId: `bench-${i}`,
        });
        const result = (await handle.result()) as RefreshResult;
        runs.push({
          kind: i === 0 ? 'cold' : 'warm',
          wallMs: Math.round(performance.now() - runStart + (i === 0 ? serverMs + workerMs + bundleMs : 0)),
          steps: result.steps.map((s) => ({ step: s.step, wallMs: s.durationMs, cpuMs: s.cpuMs, rowsIn: s.rowsIn, rowsOut: s.rowsOut })),
        });
        process.stdout.write(`${i === 0 ? 'cold' : 'warm'} refresh ${i}: ${((performance.now() - runStart) / 1000).toFixed(2)} s\n`);
      }
    });
  } finally {
    await session.close();
    work.cleanup();
  }

  const report = {
    input,
    commit: gitCommit(),
    machine: { cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    startup: { serverMs: Math.round(serverMs), bundleMs: Math.round(bundleMs), workerMs: Math.round(workerMs) },
    runs,
    peakMemoryMb: memory.peakMb(),
    measuredAt: new Date().toISOString(),
  };
  memory.stop();
  const out = resolve(args.out ?? join('bench-results', `bench-${report.measuredAt.replaceAll(':', '-')}.json`));
  mkdirSync(resolve(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

  const warm = runs.filter((r) => r.kind === 'warm');
  console.log(`\nstart-up: server ${report.startup.serverMs} ms, bundle ${report.startup.bundleMs} ms, worker ${report.startup.workerMs} ms`);
  console.log('step        cold wall   warm wall (best)   warm cpu');
  for (const [i, step] of (runs[0]?.steps ?? []).entries()) {
    const best = warm.length ? Math.min(...warm.map((r) => r.steps[i]?.wallMs ?? Infinity)) : NaN;
    const cpu = warm.length ? Math.min(...warm.map((r) => r.steps[i]?.cpuMs ?? Infinity)) : NaN;
    console.log(`${step.step.padEnd(10)}${`${step.wallMs} ms`.padStart(11)}${`${best} ms`.padStart(19)}${`${cpu} ms`.padStart(11)}`);
  }
  const bestWarm = warm.length ? Math.min(...warm.map((r) => r.wallMs)) : NaN;
  console.log(`total     ${`${runs[0]?.wallMs} ms`.padStart(11)}${`${bestWarm} ms`.padStart(19)}`);
  console.log(`peak memory of the process tree: ${report.peakMemoryMb} MB\nwritten to ${out}`);
});
