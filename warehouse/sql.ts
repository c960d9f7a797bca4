import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WAREHOUSE_DIR = dirname(fileURLToPath(import.meta.url));
const cache = new Map<string, string>();

/** Reads a .sql file of the warehouse folder, e.g. `sql('marts/fact_invoice_line.sql')`. */
export function sql(relativePath: string): string {
  let text = cache.get(relativePath);
  if (text === undefined) {
    text = readFileSync(join(WAREHOUSE_DIR, relativePath), 'utf8');
    cache.set(relativePath, text);
  }
  return text;
}
