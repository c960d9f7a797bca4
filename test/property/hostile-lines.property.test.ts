import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createActivities } from '../../activities/index.js';
import { tempDir } from '../../runtime/temp-dir.js';
import { warehouseLayout } from '../../warehouse/layout.js';
import { FULL_DATA_SET } from '../../runtime/project.js';
import { query } from '../extract/run-steps.js';

/**
 * Generated hostility: real lines of the shared data set, mutated column by column and across line
 * structure, go through extract, validate and transform (with its data tests). Every case must end
 * with every read row accounted for (staged + quarantined + overlapping = read) and no data test
 * failing, or as a BadInput naming the file. PROPERTY_RUNS=<n> runs a larger sweep; PROPERTY_SEED another seed.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 12);
const SEED = Number(process.env.PROPERTY_SEED ?? 20261202);
const SAMPLE_SIZE = 200;

const dir = tempDir();
afterAll(() => dir.cleanup());

let header = '';
let sample: string[] = [];

beforeAll(async () => {
  const lines = createInterface({ input: createReadStream(FULL_DATA_SET).pipe(createGunzip()), crlfDelay: Infinity });
  const read: string[] = [];
  for await (const line of lines) {
    read.push(line);
    if (read.length > SAMPLE_SIZE) break;
  }
  lines.close();
  [header = '', ...sample] = read;
});

/** Extreme and malformed values of every type, for any column. */
const HOSTILE_VALUE = fc.oneof(
  fc.constantFrom(
    '', ' ', '"', '""', '"unclosed', 'a"b', ',', ';', '\t', '-0', '0', '-1', '6.0004', '1e3', '2E-5', '0.0004', 'NaN', 'Infinity',
    '999999999999999.999', '-999999999999999999999', '2147483648', '1/1/0001 10:00', '12/31/2099 23:59', '2/30/2011 10:00',
    '13/45/2010 25:61', 'C', 'A', 'C536379', 'POST', 'TEST001', 'Ã©', 'é', '\u00a0', '\u0000', '💥', 'x'.repeat(5000),
  ),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map(String),
  fc.double({ noNaN: false }).map(String),
);

type Mutation =
  | { kind: 'value'; line: number; column: number; value: string }
  | { kind: 'structure'; line: number; what: 'quote-open' | 'newline-in-field' | 'blank' | 'extra-column' | 'missing-column' | 'cr' | 'duplicate' };

const MUTATION: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('value' as const), line: fc.nat({ max: SAMPLE_SIZE - 1 }), column: fc.nat({ max: 7 }), value: HOSTILE_VALUE }),
  fc.record({
    kind: fc.constant('structure' as const),
    line: fc.nat({ max: SAMPLE_SIZE - 1 }),
    what: fc.constantFrom('quote-open', 'newline-in-field', 'blank', 'extra-column', 'missing-column', 'cr', 'duplicate'),
  }),
);

/** Applies the mutations to the sample; values that need it are quoted as a CSV writer would. */
function mutate(lines: string[], mutations: Mutation[]): string[] {
  const out = [...lines];
  for (const m of mutations) {
    const at = m.line % out.length;
    const line = out[at] ?? '';
    if (m.kind === 'value') {
      // Real lines quote descriptions with commas; a naive split is enough to pick a column to replace.
      const fields = line.split(',');
      const value = /[",\r\n]/.test(m.value) ? `"${m.value.replaceAll('"', '""')}"` : m.value;
      fields[Math.min(m.column, fields.length - 1)] = value;
      out[at] = fields.join(',');
    } else if (m.what === 'quote-open') out[at] = line.replace(',', ',"');
    else if (m.what === 'newline-in-field') out[at] = line.replace(',', ',"x\n') + '"';
    else if (m.what === 'blank') out.splice(at, 0, '');
    else if (m.what === 'extra-column') out[at] = `${line},extra`;
    else if (m.what === 'missing-column') out[at] = line.slice(0, line.lastIndexOf(','));
    else if (m.what === 'cr') out[at] = `${line}\r`;
    else out.splice(at, 0, line);
  }
  return out;
}

describe('generated hostile input', () => {
  it(`every mutated file of real lines ends accounted for or as a BadInput naming the file (${RUNS} cases, seed ${SEED})`, async () => {
    let caseNumber = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(MUTATION, { minLength: 1, maxLength: 8 }), fc.boolean(), async (mutations, latin1) => {
        caseNumber++;
        const refreshId = `case-${caseNumber}`;
        const file = join(dir.path, `${refreshId}.csv`);
        const text = `${header}\n${mutate(sample, mutations).join('\n')}\n`;
        writeFileSync(file, latin1 ? Buffer.from(text, 'latin1') : text);
        const outputDir = join(dir.path, `out-${refreshId}`);
        const input = { refreshId, warehouse: 'property', inputPaths: [file], outputDir, options: { maxQuarantineShare: 1, keepRuns: 1 } };
        const activities = createActivities();
        try {
          await activities.extract(input);
          await activities.validate(input);
          await activities.transform(input);
        } catch (error) {
          const failure = error as { type?: string; name?: string; message: string };
          // Only bad input may stop a refresh, and its message must name the file.
          expect(failure.type ?? failure.name, failure.message).toBe('BadInput');
          expect(failure.message).toContain(`${refreshId}.csv`);
          return;
        }
        const database = warehouseLayout(outputDir, 'property', refreshId).workDatabase as string;
        const [audit] = await query<{ read: string; accounted: string }>(
          database,
          'select sum(rows_read) as read, sum(rows_staged + rows_quarantined + rows_overlapping) as accounted from load_audit',
        );
        expect(audit?.accounted).toBe(audit?.read);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 30_000 + RUNS * 10_000);
});
