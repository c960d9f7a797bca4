import type { MessagePort } from 'node:worker_threads';

import type { CustomerHistory } from '../../analytics/churn-features.js';
import { unpackHistories, type PackedAtCutoffs, type PackedHistories } from '../../analytics/packed-histories.js';
import { tablesToColumns } from './cell-columns.js';
import type { AtCutoffs, ModelDates } from '../../analytics/model-dates.js';

export type TaskFunction<R> = (histories: readonly CustomerHistory[], dates: ModelDates, atCutoffs?: AtCutoffs) => R;

/** Unpacks the cutoff histories; without them (data built in memory, with no cancellations) the histories serve at every cutoff. */
export function unpackAtCutoffs(atCutoffs: PackedAtCutoffs | undefined): AtCutoffs | undefined {
  return atCutoffs ? { validation: unpackHistories(atCutoffs.validation), train: unpackHistories(atCutoffs.train), test: unpackHistories(atCutoffs.test) } : undefined;
}

/**
 * The thread side of run-in-worker.ts for one task: answers one request at a time, each with its id.
 * Each task has a module of its own, so that a thread loads only the code its task needs.
 */
export function serveTask<R>(run: TaskFunction<R>): (port: MessagePort) => void {
  return (port) => {
    port.on('message', ({ id, histories, dates, atCutoffs }: { id: number; histories: PackedHistories; dates: ModelDates; atCutoffs?: PackedAtCutoffs }) => {
      const started = performance.now();
      try {
        // Tables go back column by column, their number columns handed over without a copy.
        const { result, transfer } = tablesToColumns(run(unpackHistories(histories), dates, unpackAtCutoffs(atCutoffs)) as object);
        port.postMessage({ id, result, ms: Math.round(performance.now() - started) }, transfer);
      } catch (err) {
        port.postMessage({ id, error: { message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined } });
      }
    });
  };
}
