/** Writes docs/TABLES.md from the table specification. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { PROJECT_ROOT } from '../runtime/project.js';
import { tableReference } from '../warehouse/table-reference.js';
import { parseCli, runMain } from './cli.js';

const USAGE = `
Usage: npm run generate-docs

Regenerates docs/TABLES.md (the table reference) from the table contracts (warehouse/<layer>/<table>.ts, composed in warehouse/tables.ts).
`;

runMain(async () => {
  parseCli(USAGE, {});
  mkdirSync(join(PROJECT_ROOT, 'docs'), { recursive: true });
  const file = join(PROJECT_ROOT, 'docs', 'TABLES.md');
  writeFileSync(file, tableReference());
  console.log(`wrote ${file}`);
});
