// Worker-thread entry for the model tasks (see run-in-worker.ts). Plain JavaScript, so that it starts
// under any runner; the TypeScript it imports is compiled by tsx unless the thread already can.
import { parentPort } from 'node:worker_threads';

async function importTasks() {
  try {
    return await import('./model-tasks.ts');
  } catch (err) {
    if (err?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw err;
    const { tsImport } = await import('tsx/esm/api');
    return await tsImport('./model-tasks.ts', import.meta.url);
  }
}

const { MODEL_TASKS } = await importTasks();

parentPort.on('message', ({ id, task, histories, dates }) => {
  const started = performance.now();
  try {
    const result = MODEL_TASKS[task](histories, dates);
    parentPort.postMessage({ id, result, ms: Math.round(performance.now() - started) });
  } catch (err) {
    parentPort.postMessage({ id, error: { message: err instanceof Error ? err.message : String(err), stack: err?.stack } });
  }
});
