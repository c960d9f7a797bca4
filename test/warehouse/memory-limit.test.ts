import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { tempDir } from '../../runtime/temp-dir.js';
import { memoryLimitFor, withDatabase } from '../../warehouse/db.js';

describe("DuckDB's default memory limit", () => {
  const saved = process.env.WAREHOUSE_MEMORY_LIMIT;
  afterEach(() => {
    if (saved === undefined) delete process.env.WAREHOUSE_MEMORY_LIMIT;
    else process.env.WAREHOUSE_MEMORY_LIMIT = saved;
  });

  it('is twice the database file, at least 768 MB and at most 2 GB, unless WAREHOUSE_MEMORY_LIMIT says otherwise', () => {
    delete process.env.WAREHOUSE_MEMORY_LIMIT;
    const dir = tempDir('memory-limit-');
    try {
      expect(memoryLimitFor(':memory:')).toBe('768MB');
      expect(memoryLimitFor(join(dir.path, 'new.duckdb'))).toBe('768MB');
      const file = join(dir.path, 'grown.duckdb');
      writeFileSync(file, 'x');
      expect(memoryLimitFor(file)).toBe('768MB');
      // Sparse files: only the size counts.
      truncateSync(file, 700 * 2 ** 20);
      expect(memoryLimitFor(file)).toBe('1400MB');
      truncateSync(file, 1500 * 2 ** 20);
      expect(memoryLimitFor(file)).toBe('2048MB');
      process.env.WAREHOUSE_MEMORY_LIMIT = '3GB';
      expect(memoryLimitFor(file)).toBe('3GB');
    } finally {
      dir.cleanup();
    }
  });

  it('is what DuckDB runs with', async () => {
    process.env.WAREHOUSE_MEMORY_LIMIT = '1536MB';
    const limit = await withDatabase(':memory:', (db) => db.all<{ value: string }>("select current_setting('memory_limit') as value"));
    expect(limit[0]?.value).toMatch(/^1\.[45]\d* GiB$/);
  });
});
