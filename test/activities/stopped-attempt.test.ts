import { join } from 'node:path';

import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, describe, expect, it } from 'vitest';

import { buildHistories, DAY_MS } from '../../analytics/churn-features.js';
import { packHistories } from '../../analytics/packed-histories.js';
import { mulberry32 } from '../../analytics/random.js';
import { modelDates } from '../../analytics/model-dates.js';
import { liveModelThreads, runModelTask } from '../../activities/threads/run-in-worker.js';
import { runStep } from '../../activities/step.js';
import { tempDir } from '../../runtime/temp-dir.js';
import { withDatabase } from '../../warehouse/db.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

const stepInput = (refreshId: string) => ({
  refreshId,
  warehouse: refreshId, // one warehouse each: a stopped attempt keeps its lock for the retry
  inputPaths: [join(dir.path, 'in.csv')],
  outputDir: join(dir.path, 'out'),
  options: { maxQuarantineShare: 0.05, keepRuns: 3 },
  completedSteps: [],
});

/** Enough customers that the predictions task runs for seconds. */
function manyHistories() {
  const random = mulberry32(11);
  const start = Date.UTC(2011, 0, 1);
  const transactions = [];
  for (let c = 1; c <= 6000; c++) {
    for (let o = 0; o < 1 + Math.floor(random() * 10); o++) {
      const at = new Date(start + Math.floor(random() * 360) * DAY_MS);
      transactions.push({ customerId: String(10_000 + c), invoiceNo: `${c}-${o}`, invoicedAt: at, amount: Math.round(random() * 50_000) / 100, productId: `P${Math.floor(random() * 200)}` });
    }
  }
  return buildHistories(transactions);
}

describe('a cancelled or timed-out attempt is stopped, not left running', () => {
  it('interrupts DuckDB at once, and a retry of the refresh starts only after the attempt closed its file', async () => {
    const file = join(dir.path, 'work.duckdb');
    const order: string[] = [];
    const env = new MockActivityEnvironment({ attempt: 1 });
    const started = performance.now();
    const first = env.run(() =>
      runStep('transform', stepInput('r-db'), async () => {
        await withDatabase(file, async (db) => {
          order.push('first: query');
          await db.run('select count(*) from range(100000000000) as t(i) where i % 7 = 3');
        }).finally(() => order.push('first: file closed'));
        return { rowsIn: 0, rowsOut: 0, tables: [], notes: [], outputs: {} };
      }),
    );
    await new Promise((r) => setTimeout(r, 500));
    env.cancel('TIMED_OUT');
    const retry = new MockActivityEnvironment({ attempt: 2 }).run(() =>
      runStep('transform', stepInput('r-db'), async () => {
        order.push('retry: started');
        return { rowsIn: 0, rowsOut: 0, tables: [], notes: [], outputs: {} };
      }),
    );
    const outcome = await first.then(() => 'completed', (err: Error) => err.name);
    expect(outcome).toBe('CancelledFailure');
    expect(performance.now() - started).toBeLessThan(5_000); // the query alone would run for minutes
    await retry;
    expect(order).toEqual(['first: query', 'first: file closed', 'retry: started']);
  });

  it('ends the model thread of a cancelled step', async () => {
    const data = manyHistories();
    const packed = packHistories(data);
    const dates = modelDates(Math.max(...data.flatMap((h) => h.orders.map((o) => o.at))));
    const env = new MockActivityEnvironment();
    let taskSettled = '';
    const running = env.run(() =>
      runStep('model', stepInput('r-thread'), async () => {
        await runModelTask('predictions', packed, dates).then(() => (taskSettled = 'answered'), (err: Error) => (taskSettled = err.message));
        return { rowsIn: 0, rowsOut: 0, tables: [], notes: [], outputs: {} };
      }),
    );
    // Cancelled once the thread has the task (it exists), long before the task could answer.
    while (!liveModelThreads().includes('predictions')) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    env.cancel();
    await running.catch(() => undefined);
    expect(taskSettled).toBe('model thread for predictions exited with code 1');
    expect(liveModelThreads()).not.toContain('predictions');
  });
});
