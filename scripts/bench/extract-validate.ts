import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { runStepsDirectly, stepInput } from '../../activities/run-directly.js';
import type { StepName } from '../../schemas/steps.js';
import { writeXlsxCopy } from './xlsx-copy.js';
import { FULL_DATA_SET, PROJECT_ROOT } from '../../runtime/project.js';

export interface ExtractValidateBench {
  extractMs: number;
  validateMs: number;
  /** Peak resident memory of this process so far, in MB. */
  peakRssMb: number;
  /** CPU time of the process (all threads) per step: steadier than wall time on a shared machine. */
  extractCpuMs: number;
  validateCpuMs: number;
}

/**
 * Times extract and validate over one input (file or folder) in a throw-away output folder and
 * reports the process's peak memory. Run it in a fresh process per input for a meaningful peak.
 */
export async function benchExtractValidate(inputPath: string): Promise<ExtractValidateBench> {
  const outputDir = mkdtempSync(join(tmpdir(), 'bench-extract-validate-'));
  const input = stepInput({ refreshId: 'bench', warehouse: 'bench', inputPaths: [resolve(inputPath)], outputDir });
  try {
    const times: Partial<Record<StepName, { wallMs: number; cpuMs: number }>> = {};
    await runStepsDirectly(input, { to: 'validate', onStep: (step, _result, time) => (times[step] = time) });
    const extracted = times.extract as { wallMs: number; cpuMs: number };
    const validated = times.validate as { wallMs: number; cpuMs: number };
    return {
      extractMs: extracted.wallMs,
      validateMs: validated.wallMs,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      extractCpuMs: extracted.cpuMs,
      validateCpuMs: validated.cpuMs,
    };
  } finally {
    rmSync(outputDir, { recursive: true, force: true });
  }
}

const PROJECT = PROJECT_ROOT;
const DEFAULT_CSV = FULL_DATA_SET;
const XLSX_COPY = join(PROJECT, '.cache', 'bench', 'online-retail.xlsx');
const RESULTS = join(PROJECT, 'bench-results', 'extract-validate.json');

/** Runs one input in a child process, so each peak-memory figure is its own. */
function benchInChild(inputPath: string): ExtractValidateBench {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--one', inputPath], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`bench of ${inputPath} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as ExtractValidateBench;
}

export interface ExtractValidateReport {
  measuredAt: string;
  loadAverage: number[];
  input: string;
  results: { csv: ExtractValidateBench; xlsx: ExtractValidateBench };
  targets: { csv: { totalMs: number }; xlsx: { totalMs: number }; peakRssMb: number };
}

/**
 * Times extract and validate alone on a CSV and on an .xlsx copy of the same lines (written once,
 * cached under .cache/bench/), each in a fresh process, prints one line per input against the
 * targets and writes bench-results/extract-validate.json.
 */
export async function runExtractValidateBench(csvPath: string): Promise<ExtractValidateReport> {
  const csv = resolve(csvPath);
  if (!existsSync(XLSX_COPY)) {
    console.log(`writing ${XLSX_COPY} (once) ...`);
    const started = performance.now();
    const rows = await writeXlsxCopy(csv, XLSX_COPY);
    console.log(`  ${rows} rows in ${Math.round(performance.now() - started)} ms`);
  }
  const targets = { csv: { totalMs: 3_000 }, xlsx: { totalMs: 20_000 }, peakRssMb: 1_024 };
  const results = { csv: benchInChild(csv), xlsx: benchInChild(XLSX_COPY) };
  // Wall times on a shared machine depend on what else runs; the load average says how much did.
  console.log(`\nextract + validate alone (load average ${loadavg()[0]?.toFixed(2)} on ${availableParallelism()} cores)`);
  for (const [kind, r] of Object.entries(results)) {
    const total = r.extractMs + r.validateMs;
    const limit = targets[kind as 'csv' | 'xlsx'].totalMs;
    console.log(
      `${kind.padEnd(4)}  extract ${r.extractMs} ms (cpu ${r.extractCpuMs})  validate ${r.validateMs} ms (cpu ${r.validateCpuMs})  total ${total} ms (target < ${limit})  ` +
        `peak RSS ${r.peakRssMb} MB (target < ${targets.peakRssMb})  ${total < limit && r.peakRssMb < targets.peakRssMb ? 'ok' : 'OVER TARGET'}`,
    );
  }
  const report = { measuredAt: new Date().toISOString(), loadAverage: loadavg(), input: csv, results, targets };
  mkdirSync(join(PROJECT, 'bench-results'), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

/** CLI: `npx tsx scripts/bench/extract-validate.ts [data.csv.gz]` benches the CSV and an .xlsx copy of it. */
async function main(args: string[]): Promise<void> {
  if (args[0] === '--one' && args[1]) {
    console.log(JSON.stringify(await benchExtractValidate(args[1])));
    return;
  }
  await runExtractValidateBench(args[0] ?? DEFAULT_CSV);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
