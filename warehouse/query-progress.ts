import type { Database } from './db.js';

const int = new Intl.NumberFormat('en-GB');

/**
 * Reports how far the statement running on `db` has got, as DuckDB itself counts it (the rows its
 * scans have read against the rows they will read), so that a long statement over a hundred times the
 * data is not a silent minute. `label` names the work ("running staging/stg_sales_lines.sql, 2 of
 * 5"); each report reads "<label>: 45% (243,859 of 541,909 rows)". DuckDB keeps these counts only
 * with its progress bar on; the bar itself is never printed.
 */
export async function watchQueries(db: Database, report: (message: string) => void, everyMs = 1_000): Promise<{ label(text: string): void; stop(): void }> {
  await db.run('set enable_progress_bar = true');
  await db.run('set enable_progress_bar_print = false');
  let current = '';
  const timer = setInterval(() => {
    const p = db.connection.progress;
    // -1: no statement running; a statement that scans nothing has no total.
    if (!current || p.percentage < 0 || p.total_rows_to_process <= 0n) return;
    report(`${current}: ${Math.min(100, Math.floor(p.percentage))}% (${int.format(p.rows_processed)} of ${int.format(p.total_rows_to_process)} rows)`);
  }, everyMs);
  timer.unref();
  return {
    label(text) {
      current = text;
      report(text);
    },
    stop() {
      clearInterval(timer);
    },
  };
}
