import { describe, expect, it } from 'vitest';

import { withDatabase } from '../../warehouse/db.js';
import { watchQueries } from '../../warehouse/query-progress.js';

describe('progress of a long statement', () => {
  it('reports the percentage and the rows DuckDB has processed while the statement runs, and nothing once stopped', { timeout: 30_000 }, async () => {
    await withDatabase(':memory:', async (db) => {
      const reports: string[] = [];
      await db.run('create table n as select i from range(3000000) r(i)');
      const watch = await watchQueries(db, (m) => reports.push(m), 20);
      watch.label('summing');
      // A scan of a stored table (DuckDB counts its rows), long enough on two busy cores for several 20 ms looks.
      await db.run('create table t as select i, hash(i) as h from n order by h');
      watch.stop();
      const during = reports.filter((r) => r.startsWith('summing: '));
      expect(reports[0]).toBe('summing');
      expect(during.length).toBeGreaterThan(0);
      for (const r of during) expect(r).toMatch(/^summing: \d{1,3}% \(\d{1,3}(,\d{3})* of \d{1,3}(,\d{3})* rows\)$/);
      const count = reports.length;
      await db.run('select sum(i) from n');
      await new Promise((r) => setTimeout(r, 100));
      expect(reports.length).toBe(count);
    });
  });
});
