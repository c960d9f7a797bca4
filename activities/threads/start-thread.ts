import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Starts a worker thread that runs `threadMain(port, data)` of the TypeScript module at `moduleUrl`
 * (pass `new URL('./x.ts', import.meta.url)`). A thread takes about half a second to load its code.
 */
export function startThread(moduleUrl: URL, data: unknown, resourceLimits?: ResourceLimits): Worker {
  return new Worker(new URL('./thread-entry.mjs', import.meta.url), { workerData: { module: runnable(moduleUrl).href, data }, resourceLimits });
}

/** In the compiled copy of the project (.cache/js, see scripts/compile.mjs) the thread's module is its .js twin. */
function runnable(moduleUrl: URL): URL {
  if (!import.meta.url.endsWith('.js') || !moduleUrl.pathname.endsWith('.ts')) return moduleUrl;
  return new URL(moduleUrl.href.replace(/\.ts$/, '.js'));
}
