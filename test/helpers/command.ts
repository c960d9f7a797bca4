import { compiledScript } from '../../scripts/compile.mjs';

/**
 * The node arguments that run one of the project's commands as `npm run <name>` does: its compiled
 * JavaScript (test/global-setup.ts compiles before the tests start). One node process, so a signal
 * sent to it reaches the command itself.
 */
export function command(name: string, args: string[] = []): [string, string[]] {
  return [process.execPath, [compiledScript(name), ...args]];
}
