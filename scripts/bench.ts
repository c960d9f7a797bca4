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
import { openTemporal } from '../runtime/local-refresh.js';
import { startRefresh } from '../runtime/start-refresh.js';
import { FULL_DATA_SET, PROJECT_ROOT } from '../runtime/project.js';
import { createRefreshWorker } from '../runtime/worker.js';
import { workflowBundlePath } from '../runtime/workflow-bundle.js';
import { runExtractValidateBench } from './bench/extract-validate.js';
import { sampleTreeMemory } from './bench/memory.js';
import { scaledInput } from './bench/scale.js';
import { formatVsPeer, runVsPeer } from './bench/vs-peer.js';
import { parseCli, runMain } from './cli.js';
import { tempDir } from '../runtime/temp-dir.js';

const FULL_DATA = FULL_DATA_SET;

const USAGE = `
Usage: npm run bench -- [--input <file>] [--scale <n,n,...>] [--warm-runs <n>] [--out <file.json>] [--refresh-only]
       npm run bench -- --vs-peer [--input <file>] [--scale <n>] [--runs <n>] [--out <file.json>]

Runs a cold refresh and then warm refreshes of the input and writes per-step wall time, CPU time
and peak memory as JSON (default bench-results/bench-<time>.json) and as a table. With --scale,
the input is first copied n times (ids and dates shifted per copy; cached in bench-data/) and each
scale is measured in turn. Then times extract and validate alone on the input and on an .xlsx copy
of it (written once into .cache/bench/), each in a fresh process for its own peak memory.

Options:
  --input <file>     sales lines (default: ../shared/data/online_retail.csv.gz)
  --scale <list>     scale factors, e.g. 1,10 (default 1)
  --warm-runs <n>    warm refreshes per scale after the first refresh (default 2)
  --out <file>       where to write the JSON
  --refresh-only     skip the extract and validate figures
  --vs-peer          instead: whole-process \`npm start\` against the pandas peer (../shared/peer) on
                     the same input (one scale), alternating, with wall times, peaks and the ratio;
                     needs the peer's virtual environment (.venv-peer; the bench says how to make it)
  --runs <n>         alternating pairs with --vs-peer (default 3)
  -h, --help         show this help
`;

interface RunFigures {
  kind: 'cold' | 'warm';
  scale: number;
  lines: number;
  wallMs: number;
  steps: { step: string; wallMs: number; cpuMs?: number; peakRssMb?: number; rowsIn: number; rowsOut: number }[];
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
    scale: { type: 'string', default: '1' },
    out: { type: 'string' },
    'refresh-only': { type: 'boolean', default: false },
    'vs-peer': { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
  });
  const input = resolve(args.input ?? FULL_DATA);
  if (!existsSync(input)) throw new Error(`input not found: ${args.input ?? FULL_DATA}`);
  const warmRuns = Number(args['warm-runs']);
  if (!Number.isInteger(warmRuns) || warmRuns < 0) throw new Error('--warm-runs must be a whole number >= 0');
  const scales = args.scale.split(',').map(Number);
  if (scales.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--scale takes whole numbers >= 1, e.g. 1,10');
  if (args['vs-peer']) {
    const runs = Number(args.runs);
    if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number >= 1');
    if (scales.length !== 1) throw new Error('--vs-peer takes one scale, e.g. --scale 10');
    const path = await scaledInput(input, scales[0]!, join(PROJECT_ROOT, 'bench-data'));
    const report = { ...(await runVsPeer(path, runs)), scale: scales[0], commit: gitCommit(), machine: { cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version }, measuredAt: new Date().toISOString() };
    console.log(formatVsPeer(report));
    const out = resolve(args.out ?? join('bench-results', `vs-peer-${report.measuredAt.replaceAll(':', '-')}.json`));
    mkdirSync(resolve(out, '..'), { recursive: true });
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`written to ${out}`);
    return;
  }
  installSdkLogging('WARN');
  const inputs: { scale: number; path: string }[] = [];
  for (const scale of scales) {
    if (scale > 1) console.log(`preparing ${scale}x the input (cached in bench-data/)…`);
    inputs.push({ scale, path: await scaledInput(input, scale, join(PROJECT_ROOT, 'bench-data')) });
  }

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
  // What the worker process holds before any refresh (Node, the Temporal worker, the model threads).
  const idleRssMb = Math.round(process.memoryUsage.rss() / 2 ** 20);

  const runs: RunFigures[] = [];
  let shutdownMs = 0;
  try {
    await worker.runUntil(async () => {
      for (const { scale, path } of inputs) {
        for (let i = 0; i <= warmRuns; i++) {
          const cold = runs.length === 0;
          const runStart = performance.now();
          const handle = await startRefresh(session.client, session.taskQueue, {
            warehouse: `bench-x${scale}`,
            inputPaths: [path],
            outputDir: work.path,
            refreshId: `bench-x${scale}-${i}`,
          });
          const result = (await handle.result()) as RefreshResult;
          const wallMs = Math.round(performance.now() - runStart);
          runs.push({
            kind: cold ? 'cold' : 'warm',
            scale,
            lines: result.steps[0]?.rowsIn ?? 0,
            wallMs: wallMs + (cold ? Math.round(serverMs + workerMs + bundleMs) : 0),
            steps: result.steps.map((s) => ({ step: s.step, wallMs: s.durationMs, cpuMs: s.cpuMs, peakRssMb: s.peakRssMb, rowsIn: s.rowsIn, rowsOut: s.rowsOut })),
          });
          process.stdout.write(`${scale}x, ${cold ? 'cold' : 'warm'} refresh: ${(wallMs / 1000).toFixed(2)} s\n`);
        }
      }
    });
  } finally {
    const closeStart = performance.now();
    await session.close();
    shutdownMs = Math.round(performance.now() - closeStart);
    work.cleanup();
  }

  const report = {
    input,
    commit: gitCommit(),
    machine: { cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    startup: { serverMs: Math.round(serverMs), bundleMs: Math.round(bundleMs), workerMs: Math.round(workerMs), idleRssMb },
    shutdownMs,
    runs,
    peakMemoryMb: memory.peakMb(),
    measuredAt: new Date().toISOString(),
  };
  memory.stop();
  const out = resolve(args.out ?? join('bench-results', `bench-${report.measuredAt.replaceAll(':', '-')}.json`));
  mkdirSync(resolve(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

  console.log(`\nstart-up: server ${report.startup.serverMs} ms, bundle ${report.startup.bundleMs} ms, worker ${report.startup.workerMs} ms (resident set before the first refresh: ${idleRssMb} MB); closing the connections and the dev server ${shutdownMs} ms`);
  for (const scale of scales) {
    const ofScale = runs.filter((r) => r.scale === scale);
    const warm = ofScale.filter((r) => r.kind === 'warm');
    const best = (pick: (r: RunFigures) => number) => (warm.length ? Math.min(...warm.map(pick)) : NaN);
    console.log(`\n${scale}x (${ofScale[0]?.lines.toLocaleString('en-GB')} lines)`);
    // Peak RSS is the worker process's largest resident set during the step in its first run; a
    // process rarely returns memory, so a step's figure includes what earlier steps left resident.
    console.log('step        first wall   warm wall (best)   warm cpu   peak RSS (first run)');
    // Without warm runs (--warm-runs 0) the warm columns stay empty and the first run gives the rate.
    const ms = (value: number) => (Number.isFinite(value) ? `${value} ms` : '-');
    for (const [i, step] of (ofScale[0]?.steps ?? []).entries()) {
      const wall = best((r) => r.steps[i]?.wallMs ?? Infinity);
      const cpu = best((r) => r.steps[i]?.cpuMs ?? Infinity);
      const rss = step.peakRssMb === undefined ? '-' : `${step.peakRssMb} MB`;
      console.log(`${step.step.padEnd(10)}${`${step.wallMs} ms`.padStart(12)}${ms(wall).padStart(19)}${ms(cpu).padStart(11)}${rss.padStart(23)}`);
    }
    const bestWarm = best((r) => r.wallMs);
    console.log(`total     ${`${ofScale[0]?.wallMs} ms`.padStart(12)}${ms(bestWarm).padStart(19)}`);
    const lines = ofScale[0]?.lines ?? 0;
    const rated = Number.isFinite(bestWarm) ? { ms: bestWarm, kind: 'warm' } : { ms: ofScale[0]?.wallMs ?? 0, kind: 'first run' };
    if (lines) console.log(`time per million lines (${rated.kind}): ${((rated.ms / lines) * 1e6 / 1000).toFixed(2)} s`);
  }
  console.log(`peak memory of the process tree: ${report.peakMemoryMb} MB\nwritten to ${out}`);
  if (!args['refresh-only']) await runExtractValidateBench(input);
});
