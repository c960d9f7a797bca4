// Entry of every worker thread (see start-thread.ts): imports the TypeScript module named in workerData and
// hands it the port. Plain JavaScript, so that a thread starts under any runner; the module is
// compiled by tsx unless the thread can already load TypeScript.
import { parentPort, workerData } from 'node:worker_threads';

async function importModule(url) {
  try {
    return await import(url);
  } catch (err) {
    if (err?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw err;
    const { tsImport } = await import('tsx/esm/api');
    return await tsImport(url, import.meta.url);
  }
}

const module = await importModule(workerData.module);
await module.threadMain(parentPort, workerData.data);
