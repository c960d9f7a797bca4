/**
 * Side by side with the pandas peer: `npm start` and the peer script on the same input, run in turn
 * (A B A B …) so a drift in the machine's speed hits both alike, each a whole process from the
 * outside. Reports each run's wall time, the peak resident memory of its process tree and of its
 * largest single process, the medians and the ratio project / peer (the median of the pairwise ratios).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { PROJECT_ROOT } from '../../runtime/project.js';
import { tempDir } from '../../runtime/temp-dir.js';

/** Where the peer's virtual environment is expected, and its script. */
export const PEER_PYTHON = join(PROJECT_ROOT, '.venv-peer', 'bin', 'python');
export const PEER_SCRIPT = join(PROJECT_ROOT, '..', 'shared', 'peer', 'pandas_peer.py');
export const PEER_SETUP = 'python3 -m venv .venv-peer && .venv-peer/bin/pip install pandas scikit-learn pyarrow openpyxl';

interface ProcessFigures {
  wallMs: number;
  treePeakMb: number;
  largestPeakMb: number;
  exitCode: number | null;
}

export interface VsPeerReport {
  input: string;
  /** Whole-process costs that come before any refresh work, medians of three runs. */
  startupPhases: { nodeMs: number; setupCheckMs: number; npmStartHelpMs: number };
  peerVersions: string;
  runs: { project: ProcessFigures; peer: ProcessFigures; ratio: number }[];
  median: { projectMs: number; peerMs: number; ratio: number; projectTreeMb: number; peerTreeMb: number; projectLargestMb: number; peerLargestMb: number };
}

function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const list = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (list) kids.push(...list.split(/\s+/).map(Number));
    }
  } catch {
    // gone already
  }
  return kids;
}

function rssMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Runs one command to its end, sampling its whole process tree's memory every 50 ms. */
function measure(command: string, args: string[]): Promise<ProcessFigures> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: process.env });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    let treePeakMb = 0;
    let largestPeakMb = 0;
    const sample = () => {
      if (child.pid === undefined) return;
      const seen: number[] = [];
      const queue = [child.pid];
      while (queue.length) {
        const pid = queue.pop()!;
        seen.push(pid);
        queue.push(...childrenOf(pid));
      }
      const sizes = seen.map(rssMb);
      treePeakMb = Math.max(treePeakMb, sizes.reduce((a, b) => a + b, 0));
      largestPeakMb = Math.max(largestPeakMb, ...sizes);
    };
    const timer = setInterval(sample, 50);
    child.on('error', (err) => {
      clearInterval(timer);
      reject(err);
    });
    child.on('exit', (code) => {
      clearInterval(timer);
      if (code !== 0) process.stderr.write(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}\n`);
      resolvePromise({ wallMs: Math.round(performance.now() - started), treePeakMb: Math.round(treePeakMb), largestPeakMb: Math.round(largestPeakMb), exitCode: code });
    });
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function peerVersions(): Promise<string> {
  return new Promise((done) => {
    const child = spawn(PEER_PYTHON, ['-c', 'import sys, pandas, sklearn, pyarrow; print(f"Python {sys.version.split()[0]}, pandas {pandas.__version__}, scikit-learn {sklearn.__version__}, pyarrow {pyarrow.__version__}")']);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', () => done(out.trim() || 'unknown'));
  });
}

/**
 * One untimed run of each first (disk cache, compiled bytecode), then `runs` alternating pairs.
 * Each `npm start` writes into a fresh output folder, so it starts its own dev server as a new user's does.
 */
export async function runVsPeer(input: string, runs: number): Promise<VsPeerReport> {
  if (!existsSync(PEER_PYTHON)) {
    throw new Error(`the pandas peer's virtual environment is missing; make it once from the project folder with:\n  ${PEER_SETUP}`);
  }
  if (!existsSync(PEER_SCRIPT)) throw new Error(`the peer script is missing: ${PEER_SCRIPT}`);
  const work = tempDir('warehouse-vs-peer-');
  let n = 0;
  const project = () => measure('npm', ['start', '--silent', '--', '--input', input, '--output', join(work.path, `project-${n++}`)]);
  const peer = () => measure(PEER_PYTHON, [PEER_SCRIPT, input, join(work.path, `peer-${n++}`)]);
  try {
    const thrice = async (command: string, args: string[]) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) times.push((await measure(command, args)).wallMs);
      return median(times);
    };
    // `npm start -- --help` pays for npm, the set-up check and loading (compiling) every module of the
    // command, then exits before any server starts: what a start costs before Temporal is involved.
    const startupPhases = {
      nodeMs: await thrice(process.execPath, ['-e', '0']),
      setupCheckMs: await thrice(process.execPath, [join(PROJECT_ROOT, 'scripts', 'setup.mjs'), '--quiet']),
      npmStartHelpMs: await thrice('npm', ['start', '--silent', '--', '--help']),
    };
    console.log('side by side with the pandas peer: one untimed run of each, then alternating runs');
    await project();
    await peer();
    const pairs: VsPeerReport['runs'] = [];
    for (let i = 0; i < runs; i++) {
      const a = await project();
      const b = await peer();
      if (a.exitCode !== 0 || b.exitCode !== 0) throw new Error('a run failed (its messages are above); no figures recorded');
      pairs.push({ project: a, peer: b, ratio: a.wallMs / b.wallMs });
      console.log(`  run ${i + 1}: npm start ${(a.wallMs / 1000).toFixed(1)} s, ${a.treePeakMb} MB; peer ${(b.wallMs / 1000).toFixed(1)} s, ${b.treePeakMb} MB; ratio ${(a.wallMs / b.wallMs).toFixed(2)}`);
    }
    return {
      input,
      startupPhases,
      peerVersions: await peerVersions(),
      runs: pairs,
      median: {
        projectMs: median(pairs.map((p) => p.project.wallMs)),
        peerMs: median(pairs.map((p) => p.peer.wallMs)),
        ratio: Number(median(pairs.map((p) => p.ratio)).toFixed(3)),
        projectTreeMb: median(pairs.map((p) => p.project.treePeakMb)),
        peerTreeMb: median(pairs.map((p) => p.peer.treePeakMb)),
        projectLargestMb: median(pairs.map((p) => p.project.largestPeakMb)),
        peerLargestMb: median(pairs.map((p) => p.peer.largestPeakMb)),
      },
    };
  } finally {
    work.cleanup();
  }
}

/** The comparison as a small table a person reads. */
export function formatVsPeer(report: VsPeerReport): string {
  const m = report.median;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    `\nside by side (${report.runs.length} alternating runs, medians; peer: ${report.peerVersions})`,
    'command       wall     peak memory: process tree   largest process',
    `npm start  ${s(m.projectMs).padStart(7)}   ${`${m.projectTreeMb} MB`.padStart(26)}   ${`${m.projectLargestMb} MB`.padStart(15)}`,
    `peer       ${s(m.peerMs).padStart(7)}   ${`${m.peerTreeMb} MB`.padStart(26)}   ${`${m.peerLargestMb} MB`.padStart(15)}`,
    `ratio npm start / peer (median of the pairwise ratios): ${m.ratio.toFixed(2)}`,
    `before any refresh work: node ${report.startupPhases.nodeMs} ms, set-up check ${report.startupPhases.setupCheckMs} ms, \`npm start -- --help\` (npm, set-up check, loading the modules) ${report.startupPhases.npmStartHelpMs} ms`,
  ].join('\n');
}
