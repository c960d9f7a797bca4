import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

let installed = false;

/**
 * Sets how much the Temporal SDK logs (its default is every worker state change). Must run before
 * the first worker or connection is created; later calls are ignored.
 */
export function installSdkLogging(level: LogLevel = 'WARN'): void {
  if (installed) return;
  installed = true;
  try {
    Runtime.install({ logger: new DefaultLogger(level) });
  } catch {
    // A runtime already exists (created by an earlier connection): keep it.
  }
}
