import { accessSync, constants, existsSync, mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { BadInputError } from '../schemas/errors.js';
import { isInside } from '../schemas/paths.js';

/** The path with symbolic links resolved as far as it exists, so two spellings of a folder compare equal. */
function canonical(path: string): string {
  let existing = resolve(path);
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) break;
    rest.unshift(existing.slice(parent.length).replace(/^[\\/]/, ''));
    existing = parent;
  }
  return join(realpathSync(existing), ...rest);
}

/**
 * Checks an output folder before a refresh starts, so a bad path fails in a second with a message
 * naming it, not after minutes of work: it must not be a file or lie below one, must not be inside
 * an input folder (or be an input file), and must be writable. Creates nothing that stays.
 * Returns the absolute output path.
 */
export function checkOutputDir(outputDir: string, inputPaths: readonly string[]): string {
  const out = resolve(outputDir);
  const real = canonical(out);
  for (const input of inputPaths) {
    const path = resolve(input);
    if (!existsSync(path)) continue; // a missing input is reported by the input check
    const realInput = realpathSync(path);
    const inputFolder = statSync(realInput).isDirectory() ? realInput : undefined;
    if (real === realInput) throw new BadInputError(`output folder ${outputDir} is the input ${input}; choose another folder`);
    if (inputFolder && isInside(real, inputFolder)) {
      throw new BadInputError(`output folder ${outputDir} is inside the input folder ${input}; a refresh would read its own output. Choose a folder outside it`);
    }
  }
  let existing = out;
  while (!existsSync(existing)) existing = dirname(existing);
  if (!statSync(existing).isDirectory()) {
    const what = existing === out ? `output folder ${outputDir} is a file` : `output folder ${outputDir} cannot be created: ${existing} is a file, not a folder`;
    throw new BadInputError(what);
  }
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
    // access() says yes to root on read-only mounts and special file systems; a real write is the proof.
    rmSync(mkdtempSync(join(existing, '.write-check-')), { recursive: true, force: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new BadInputError(`output folder ${outputDir} is not writable (${existing}: ${code})`);
  }
  return out;
}
