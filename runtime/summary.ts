import { relative } from 'node:path';

import type { RefreshResult } from '../schemas/workflow.js';

const int = new Intl.NumberFormat('en-GB');

/** The summary fits a 100-column terminal: longer lines wrap with an indent instead of the terminal cutting them. */
export const SUMMARY_WIDTH = 100;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/**
 * Counts get thousands separators ("541909" -> "541,909"). Steps write their notes as plain text;
 * decimals, dates, codes in parentheses and words with digits (2011-12-10, 0.738, (84879), 85123A)
 * keep their form, and four-digit numbers from 2000 to 2099 stay as they are because they are
 * mostly years.
 */
export function withSeparators(text: string): string {
  return text.replace(/(?<![\w.,:/(#-])\d{4,}(?![\w.,]\d|[\w/-])/g, (n) => (n.length === 4 && Number(n) >= 2000 && Number(n) < 2100 ? n : int.format(Number(n))));
}

/** Wraps a line at spaces to `width` columns; continuation lines get `indent`; a word longer than a line is cut. */
export function wrap(line: string, width = SUMMARY_WIDTH, indent = '      '): string[] {
  if (line.length <= width) return [line];
  const lead = /^ */.exec(line)?.[0] ?? '';
  const out: string[] = [];
  let current = lead;
  for (const word of line.slice(lead.length).split(' ')) {
    const candidate = current.trim() === '' ? `${current}${word}` : `${current} ${word}`;
    if (candidate.length <= width || current.trim() === '') {
      current = candidate;
    } else {
      out.push(current);
      current = `${indent}${word}`;
    }
    while (current.length > width) {
      out.push(current.slice(0, width));
      current = `${indent}${current.slice(width)}`;
    }
  }
  if (current !== '') out.push(current);
  return out;
}

export interface SummaryContext {
  workflowUrl?: string;
  totalMs?: number;
}

/**
 * The run summary a person reads after a refresh: the business figures first, then per step its
 * time, memory, rows and how many tables it wrote, then the details (model choices and scores), then
 * where the results are. At most SUMMARY_WIDTH columns wide.
 */
export function formatSummary(result: RefreshResult, context: SummaryContext = {}): string {
  const total = context.totalMs ?? result.steps.reduce((sum, s) => sum + s.durationMs, 0);
  const lines = [`Refresh ${result.refreshId} of warehouse "${result.warehouse}" completed in ${seconds(total)}.`];
  const headline = result.steps.flatMap((s) => s.headline ?? []);
  if (headline.length) lines.push('', ...headline.map((h) => `  ${h}`));
  const verdicts = result.steps.flatMap((s) => s.verdicts ?? []);
  if (verdicts.length) lines.push('', 'Models against their baselines:', ...verdicts.map((v) => `  ${withSeparators(v)}`));
  lines.push('');
  // Peak memory is the worker process's resident set during the step: what sizing a machine needs.
  lines.push(`  ${pad('step', 10)}${pad('time', 9, true)}${pad('memory', 10, true)}${pad('rows in', 13, true)}${pad('rows out', 13, true)}${pad('tables', 8, true)}`);
  for (const step of result.steps) {
    const memory = step.peakRssMb === undefined ? '-' : `${int.format(step.peakRssMb)} MB`;
    lines.push(
      `  ${pad(step.step, 10)}${pad(seconds(step.durationMs), 9, true)}${pad(memory, 10, true)}${pad(int.format(step.rowsIn), 13, true)}${pad(int.format(step.rowsOut), 13, true)}${pad(int.format(step.tables.length), 8, true)}`,
    );
  }
  const notes = result.steps.flatMap((s) => s.notes.map((n) => `  ${s.step}: ${withSeparators(n)}`));
  if (notes.length) lines.push('', 'Details:', ...notes);
  lines.push('', 'Results:');
  if (result.publishedDir) lines.push('  published (Parquet, Excel, dashboard):', `    ${shown(result.publishedDir)}/`);
  if (result.databaseFile) lines.push('  DuckDB warehouse:', `    ${shown(result.databaseFile)}`);
  if (context.workflowUrl) lines.push('  Temporal Web UI:', `    ${context.workflowUrl}`);
  return lines.flatMap((l) => wrap(l)).join('\n');
}
