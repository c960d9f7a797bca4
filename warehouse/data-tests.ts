import type { Database } from './db.js';
import { quoteIdent } from './db.js';
import type { SqlTest, TableSpec } from './spec/types.js';

export interface DataTestFailure {
  name: string;
  description: string;
  failingRows: number;
  sample: Record<string, unknown>[];
}

const q = quoteIdent;

/** The tests a table's declaration implies: key unique and not null, columns not null, foreign keys, accepted values. */
export function generatedTests(spec: TableSpec): SqlTest[] {
  const t = q(spec.name);
  const key = spec.primaryKey.map(q).join(', ');
  const tests: SqlTest[] = [
    {
      name: `${spec.name}.primary_key_unique`,
      description: `(${spec.primaryKey.join(', ')}) is unique`,
      sql: `select ${key}, count(*) as copies from ${t} group by ${key} having count(*) > 1`,
    },
  ];
  for (const column of spec.columns) {
    if (!column.nullable || spec.primaryKey.includes(column.name)) {
      tests.push({
        name: `${spec.name}.${column.name}.not_null`,
        description: `${column.name} is never null`,
        sql: `select * from ${t} where ${q(column.name)} is null`,
      });
    }
    if (column.accepted) {
      const list = column.accepted.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ');
      tests.push({
        name: `${spec.name}.${column.name}.accepted_values`,
        description: `${column.name} is one of ${column.accepted.join(', ')}`,
        sql: `select ${q(column.name)}, count(*) as rows from ${t} where ${q(column.name)} not in (${list}) group by all`,
      });
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

/** Runs every test of the given tables; returns the failures (an empty list means all passed). */
export async function runDataTests(db: Database, specs: readonly TableSpec[]): Promise<{ run: number; failures: DataTestFailure[] }> {
  let run = 0;
  const failures: DataTestFailure[] = [];
  for (const spec of specs) {
    for (const test of generatedTests(spec)) {
      run += 1;
      const failingRows = await db.number(`select count(*) from (${test.sql})`);
      if (failingRows > 0) {
        const sample = await db.all(`select * from (${test.sql}) limit 5`);
        failures.push({ name: test.name, description: test.description, failingRows, sample });
      }
    }
  }
  return { run, failures };
}

/** One readable paragraph per failure, with a sample of offending rows. */
export function describeFailures(failures: DataTestFailure[]): string {
  return failures
    .map((f) => `data test ${f.name} failed (${f.description}): ${f.failingRows} offending row(s), e.g. ${JSON.stringify(f.sample.slice(0, 3))}`)
    .join('\n');
}
