import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { checkOutputDir } from './output-dir.js';

/**
 * Checks the command's paths before any work: every input exists, and the output folder is a
 * writable folder outside the inputs. Returns them resolved; throws one clear message otherwise.
 */
export function checkPaths(inputs: string[], output: string): { inputPaths: string[]; outputDir: string } {
  const inputPaths = inputs.map((p) => resolve(p));
  for (const [i, path] of inputPaths.entries()) {
    if (!existsSync(path)) throw new Error(`input not found: ${inputs[i]}`);
  }
  return { inputPaths, outputDir: checkOutputDir(output, inputPaths) };
}
