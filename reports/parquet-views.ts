import { join } from 'node:path';

import { quoteIdent, quoteLiteral, type Database } from '../warehouse/db.js';
import type { TableSpec } from '../warehouse/spec/types.js';

/**
 * Makes the Parquet files of a published folder queryable under their table names, so the same
 * SQL (KPIs, checks) runs against a published run as against the working database.
 */
export async function attachPublishedFolder(db: Database, folder: string, specs: readonly TableSpec[]): Promise<void> {
  for (const spec of specs) {
    // A view definition takes no parameters; the path is a local folder name, quoted as a literal.
    await db.run(`create or replace view ${quoteIdent(spec.name)} as select * from read_parquet(${quoteLiteral(join(folder, `${spec.name}.parquet`))})`);
  }
}
