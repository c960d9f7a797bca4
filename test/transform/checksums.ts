import type { Database } from '../../warehouse/db.js';
import { quoteIdent } from '../../warehouse/db.js';
import { MART_TABLES } from '../../warehouse/marts/index.js';

/**
 * Row count and an order-independent content hash of every mart table: equal checksums mean equal
 * tables (rows are unique by their primary key, so no two rows cancel out in the xor).
 */
export async function martChecksums(db: Database): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const spec of MART_TABLES) {
    const [row] = await db.all<{ rows: string; hash: string }>(`select count(*) as rows, bit_xor(hash(t))::varchar as hash from ${quoteIdent(spec.name)} as t`);
    sums[spec.name] = `${row?.rows}:${row?.hash}`;
  }
  return sums;
}
