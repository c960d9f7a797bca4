import { describe, expect, it } from 'vitest';

import { buildHistories, DAY_MS, type CustomerHistory } from '../../analytics/churn-features.js';
import { packHistories, unpackHistories } from '../../analytics/packed-histories.js';
import { mulberry32 } from '../../analytics/random.js';
import { tablesToColumns, type CellColumns } from '../../activities/threads/cell-columns.js';
import { modelDates } from '../../analytics/model-dates.js';
import { MODEL_TASKS } from '../../activities/threads/model-tasks.js';
import { liveModelThreads, runModelTask, runModelTasks } from '../../activities/threads/run-in-worker.js';

/** 60 customers with one to eight orders over a year, from a seeded generator. */
function histories(): CustomerHistory[] {
  const random = mulberry32(7);
  const start = Date.UTC(2011, 0, 1);
  const transactions = [];
  for (let c = 1; c <= 60; c++) {
    const orders = 1 + Math.floor(random() * 8);
    for (let o = 0; o < orders; o++) {
      transactions.push({
        customerId: String(10_000 + c),
        invoiceNo: `${c}-${o}`,
        invoicedAt: new Date(start + Math.floor(random() * 360) * DAY_MS),
        amount: Math.round(random() * 50_000) / 100,
        productId: `P${Math.floor(random() * 20)}`,
      });
    }
  }
  return buildHistories(transactions);
}

describe('model tasks in worker threads', () => {
  const data = histories();
  const lastAt = Math.max(...data.flatMap((h) => h.orders.map((o) => o.at)));
  const dates = modelDates(lastAt);

  const packed = packHistories(data);

  it('pack and unpack histories without changing them', () => {
    expect(unpackHistories(packed).map((h) => ({ ...h, productFirstSeen: Array.from(h.productFirstSeen) }))).toEqual(data);
    expect(packed.orderAt.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('give exactly what the same task gives in this thread, on histories they share without a copy', async () => {
    const [segmentation, predictions] = await Promise.all([runModelTask('segmentation', packed, dates), runModelTask('predictions', packed, dates)]);
    expect(segmentation.result).toEqual(tablesToColumns(MODEL_TASKS.segmentation(data, dates)).result);
    expect(predictions.result).toEqual(tablesToColumns(MODEL_TASKS.predictions(data, dates)).result);
    // Tables arrive column by column, their number columns as typed arrays.
    const rfm = segmentation.result.customerRfm as CellColumns;
    expect(rfm.rowCount).toBe(data.length);
    expect(rfm.columns.some((column) => column instanceof Float64Array)).toBe(true);
    expect(segmentation.ms).toBeGreaterThanOrEqual(0);
  });

  it('give the same results when run one after the other in threads that end, as for large data', async () => {
    const side = runModelTasks(packed, dates, false);
    const [a, b] = await Promise.all([side.segmenting, side.predicting]);
    expect(liveModelThreads().sort()).toEqual(['predictions', 'segmentation']);
    const serial = runModelTasks(packed, dates, true);
    expect(serial.oneAtATime).toBe(true);
    expect((await serial.segmenting).result).toEqual(a.result);
    expect((await serial.predicting).result).toEqual(b.result);
    expect(liveModelThreads()).toEqual([]); // both ended after answering
    // A thread with another refresh's task waiting is not ended under it.
    const again = runModelTasks(packed, dates, true);
    const meanwhile = runModelTasks(packed, dates); // 60 customers: side by side
    expect(meanwhile.oneAtATime).toBe(false);
    const results = await Promise.all([again.segmenting, again.predicting, meanwhile.segmenting, meanwhile.predicting]);
    expect(results.map((r) => r.result)).toEqual([a.result, b.result, a.result, b.result]);
  });

  it('report a task that fails in its thread as a failure naming the task, and keep working after it', async () => {
    const broken = [{ customerId: '1', orders: [], productFirstSeen: [] }, ...data];
    await expect(runModelTask('segmentation', packHistories(broken), dates)).rejects.toThrow(/model task segmentation: /);
    const again = await runModelTask('segmentation', packed, dates);
    expect((again.result.customerRfm as CellColumns).rowCount).toBe(data.length);
  });
});
