import type { Database } from './db.js';
import { quoteIdent, quoteLiteral } from './db.js';
import type { SqlTest, TableSpec } from './spec/types.js';

export interface DataTestFailure {
  name: string;
  description: string;
  failingRows: number;
  sample: Record<string, unknown>[];
  /** The input lines behind the sample rows (found through their line ids), as "file line N". */
  sourceLines: string[];
}

const q = quoteIdent;

/**
 * A generated test that reads one table row by row: `offending` is the condition an offending row meets.
 * Such tests of one table are counted together in a single scan instead of one scan each.
 */
interface RowTest extends SqlTest {
  table: string;
  offending: string;
}

function isRowTest(test: SqlTest): test is RowTest {
  return typeof (test as Partial<RowTest>).offending === 'string';
}

/** The tests a table's declaration implies: key unique and not null, columns not null, foreign keys, accepted values. */
export function generatedTests(spec: TableSpec): SqlTest[] {
  const t = q(spec.name);
  const key = spec.primaryKey.map(q).join(', ');
  const tests: (SqlTest | RowTest)[] = [
    {
      name: `${spec.name}.primary_key_unique`,
      description: `(${spec.primaryKey.join(', ')}) is unique`,
      sql: `select ${key}, count(*) as copies from ${t} group by ${key} having count(*) > 1`,
    },
  ];
  for (const column of spec.columns) {
    if (!column.nullable || spec.primaryKey.includes(column.name)) {
      const offending = `${q(column.name)} is null`;
      tests.push({
        name: `${spec.name}.${column.name}.not_null`,
        description: `${column.name} is never null`,
        sql: `select * from ${t} where ${offending}`,
        table: spec.name,
        offending,
      } satisfies RowTest);
    }
    if (column.accepted) {
      const list = column.accepted.map(quoteLiteral).join(', ');
      const offending = `${q(column.name)} not in (${list})`;
      tests.push({
        name: `${spec.name}.${column.name}.accepted_values`,
        description: `${column.name} is one of ${column.accepted.join(', ')}`,
        sql: `select ${q(column.name)}, count(*) as rows from ${t} where ${offending} group by all`,
        table: spec.name,
        offending,
      } satisfies RowTest);
    }
  }
  for (const fk of spec.foreignKeys ?? []) {
    const on = fk.columns.map((c, i) => `f.${q(c)} = d.${q(fk.references.columns[i] ?? c)}`).join(' and ');
    const notNull = fk.allowNull ? `and ${fk.columns.map((c) => `f.${q(c)} is not null`).join(' and ')}` : '';
    tests.push({
      name: `${spec.name}.${fk.columns.join('_')}.references_${fk.references.table}`,
      description: `every ${fk.columns.join(', ')} is found in ${fk.references.table}`,
      sql: `select f.* from ${t} f anti join ${q(fk.references.table)} d on ${on} where true ${notNull}`,
    });
  }
  return [...tests, ...(spec.tests ?? [])];
}

/** Counts the offending rows of every test in one query: row tests of a table share one scan of it. */
async function countFailing(db: Database, tests: readonly SqlTest[]): Promise<number[]> {
  if (tests.length === 0) return [];
  const scans = new Map<string, number[]>();
  for (const [i, test] of tests.entries()) if (isRowTest(test)) scans.set(test.table, [...(scans.get(test.table) ?? []), i]);
  const columns = tests.map((test, i) => (isRowTest(test) ? null : `(select count(*) from (${test.sql})) as ${q(`t${i}`)}`)).filter((c) => c !== null);
  for (const [table, indexes] of scans) {
    const counts = indexes.map((i) => `count(*) filter (where ${(tests[i] as RowTest).offending}) as ${q(`t${i}`)}`).join(', ');
    columns.push(`(select struct_pack(${indexes.map((i) => `${q(`t${i}`)} := ${q(`t${i}`)}`).join(', ')}) from (select ${counts} from ${q(table)})) as ${q(`scan_${table}`)}`);
  }
  const [row] = await db.all(`select ${columns.join(',\n')}`);
  const flat: Record<string, unknown> = { ...row };
  for (const table of scans.keys()) Object.assign(flat, row?.[`scan_${table}`] as Record<string, unknown>);
  return tests.map((_, i) => Number(flat[`t${i}`] ?? 0));
}

/**
 * Runs every test of the given tables; returns the failures (an empty list means all passed).
 * All the tests are counted in a single query, where the not-null and accepted-values checks of a
 * table share one scan of it; only failing tests are queried again for a sample of offending rows.
 */
export async function runDataTests(db: Database, specs: readonly TableSpec[]): Promise<{ run: number; failures: DataTestFailure[] }> {
  const tests = specs.flatMap((spec) => generatedTests(spec));
  const counts = await countFailing(db, tests);
  const failures: DataTestFailure[] = [];
  for (const [i, test] of tests.entries()) {
    const failingRows = counts[i] ?? 0;
    if (failingRows > 0) {
      const sample = await db.all(`select * from (${test.sql}) limit 5`);
      failures.push({ name: test.name, description: test.description, failingRows, sample, sourceLines: await sourceLinesOf(db, sample) });
    }
  }
  return { run: tests.length, failures };
}

/**
 * The source file and line of every sample row that names a staged line (a column `line_id` or
 * `…_line_id`, or its own `source_file` and `line_number`), so a failure points at the input line to
 * look at rather than at an internal id.
 */
async function sourceLinesOf(db: Database, sample: readonly Record<string, unknown>[]): Promise<string[]> {
  const own = sample.filter((r) => typeof r.source_file === 'string' && r.line_number != null).map((r) => `${String(r.source_file)} line ${String(r.line_number)}`);
  const ids = sample.flatMap((r) => Object.entries(r).filter(([k, v]) => (k === 'line_id' || k.endsWith('_line_id')) && v != null).map(([, v]) => String(v)));
  const unique = [...new Set(ids)].filter((id) => /^\d+$/.test(id));
  if (unique.length === 0) return [...new Set(own)];
  const hasStaging = await db.number(`select count(*) from duckdb_tables() where table_name = 'stg_sales_lines' and schema_name = current_schema()`);
  if (!hasStaging) return [...new Set(own)];
  const rows = await db.all<{ source_file: string; line_number: string }>(
    `select source_file, line_number from stg_sales_lines where line_id in (${unique.join(', ')}) order by line_id`,
  );
  return [...new Set([...own, ...rows.map((r) => `${r.source_file} line ${r.line_number}`)])];
}

/** One readable paragraph per failure: the input lines behind it, and a sample of offending rows. */
export function describeFailures(failures: DataTestFailure[]): string {
  return failures
    .map((f) => {
      const lines = f.sourceLines.length ? `; input line(s): ${f.sourceLines.slice(0, 3).join(', ')}` : '';
      return `data test ${f.name} failed (${f.description}): ${f.failingRows} offending row(s)${lines}, e.g. ${JSON.stringify(f.sample.slice(0, 3))}`;
    })
    .join('\n');
}
