import { readFileSync } from 'node:fs';

/** Resident set size of a process in MB from /proc (0 when it is gone or /proc is missing). */
function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

/**
 * Samples the resident memory of a process tree (this process plus the given children) and keeps
 * the peak of their sum, so a dev server started by the benchmark counts too.
 */
export function sampleTreeMemory(childPids: () => number[], everyMs = 50) {
  let peakMb = 0;
  const sample = () => {
    const total = [process.pid, ...childPids()].reduce((sum, pid) => sum + rssMb(pid), 0);
    peakMb = Math.max(peakMb, total);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    /** Peak so far in MB; also folds in this process's own high-water mark, which catches short spikes. */
    peakMb(): number {
      sample();
      return Math.round(Math.max(peakMb, process.resourceUsage().maxRSS / 1024));
    },
    stop: () => clearInterval(timer),
  };
}
