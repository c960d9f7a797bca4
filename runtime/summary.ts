import { relative } from 'node:path';

import type { RefreshResult, StepResult } from '../schemas/workflow.js';

const int = new Intl.NumberFormat('en-GB');

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function tablesOf(step: StepResult): string {
  return step.tables.map((t) => `${t.name} (${int.format(t.rows)})`).join(', ') || '-';
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

export interface SummaryContext {
  workflowUrl?: string;
  totalMs?: number;
}

/** The run summary a person reads after a refresh: per step its time, rows and tables, then where results are. */
export function formatSummary(result: RefreshResult, context: SummaryContext = {}): string {
  const total = context.totalMs ?? result.steps.reduce((sum, s) => sum + s.durationMs, 0);
  const lines = [`Refresh ${result.refreshId} of warehouse "${result.warehouse}" completed in ${seconds(total)}.`, ''];
  // Peak memory is the worker process's resident set during the step: what sizing a machine needs.
  lines.push(`${pad('step', 10)}${pad('time', 9, true)}${pad('memory', 10, true)}${pad('rows in', 12, true)}${pad('rows out', 12, true)}   tables written`);
  for (const step of result.steps) {
    const memory = step.peakRssMb === undefined ? '-' : `${int.format(step.peakRssMb)} MB`;
    lines.push(
      `${pad(step.step, 10)}${pad(seconds(step.durationMs), 9, true)}${pad(memory, 10, true)}${pad(int.format(step.rowsIn), 12, true)}${pad(int.format(step.rowsOut), 12, true)}   ${tablesOf(step)}`,
    );
  }
  const notes = result.steps.flatMap((s) => s.notes.map((n) => `  ${s.step}: ${n}`));
  if (notes.length) lines.push('', 'What happened:', ...notes);
  lines.push('', 'Results:');
  if (result.publishedDir) lines.push(`  published (Parquet, Excel, dashboard): ${shown(result.publishedDir)}/`);
  if (result.databaseFile) lines.push(`  DuckDB warehouse:                      ${shown(result.databaseFile)}`);
  if (context.workflowUrl) lines.push(`  Temporal Web UI:                       ${context.workflowUrl}`);
  return lines.join('\n');
}
