import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { bundleWorkflowCode } from '@temporalio/worker';

import { PROJECT_ROOT } from './project.js';

const WORKFLOW_SOURCES = [join(PROJECT_ROOT, 'workflows'), join(PROJECT_ROOT, 'schemas', 'steps.ts')];
const CACHE_DIR = join(PROJECT_ROOT, '.cache');

function sourceFiles(path: string): string[] {
  if (!path.endsWith('.ts')) {
    return readdirSync(path, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts'))
      .map((e) => join(path, e.name))
      .sort();
  }
  return [path];
}

/** Hash of the workflow sources and the SDK version: the bundle is rebuilt only when one changes. */
function bundleKey(): string {
  const hash = createHash('sha256');
  const sdk = JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', '@temporalio', 'workflow', 'package.json'), 'utf8'));
  hash.update(String(sdk.version));
  for (const file of WORKFLOW_SOURCES.flatMap(sourceFiles)) hash.update(file).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Returns the path of the workflow bundle, building it once (webpack takes seconds) and reusing it
 * at every later worker start until the workflow code changes.
 */
export async function workflowBundlePath(): Promise<string> {
  const file = join(CACHE_DIR, `workflow-bundle-${bundleKey()}.js`);
  if (existsSync(file)) return file;
  const { code } = await bundleWorkflowCode({
    workflowsPath: join(PROJECT_ROOT, 'workflows', 'index.ts'),
    logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} },
  });
  mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, code);
  renameSync(tmp, file);
  return file;
}
