/**
 * Writes the small deterministic sample of the "Online Retail" data used by tests and demos.
 *   npx tsx scripts/generate-sample.ts [--out path] [--seed n] [--lines n]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { z } from 'zod';

import { DEFAULT_SAMPLE_PATH, writeSampleCsv } from './sample/sample-lines.js';

const USAGE = `Usage: npx tsx scripts/generate-sample.ts [--out path] [--seed n] [--lines n]

Writes a deterministic sample of sales lines in the UCI "Online Retail" CSV layout, with the real
data's quirks (cancellations, duplicates, guest sales, service codes, ...) planted several times.

  --out path   where to write (default: data/sample/online_retail_sample.csv in the project)
  --seed n     seed of the generator (default 20101201); the same seed gives the same file
  --lines n    data rows, 1500 to 20000 (default 4000)
  --help       show this help`;

const whole = (name: string) =>
  z
    .string()
    .regex(/^\d+$/, `--${name} expects a whole number`)
    .transform(Number)
    .optional();
const ArgsSchema = z.object({ out: z.string().min(1).optional(), seed: whole('seed'), lines: whole('lines'), help: z.boolean().optional() });

function fail(message: string): never {
  console.error(`generate-sample: ${message} (see --help)`);
  process.exit(2);
}

let values: Record<string, unknown>;
try {
  ({ values } = parseArgs({
    strict: true,
    allowPositionals: false,
    options: { out: { type: 'string' }, seed: { type: 'string' }, lines: { type: 'string' }, help: { type: 'boolean' } },
  }));
} catch (error) {
  fail((error as Error).message.split('\n')[0] ?? 'invalid arguments');
}

const parsed = ArgsSchema.safeParse(values);
if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join('; '));
const args = parsed.data;
if (args.help) {
  console.log(USAGE);
} else {
  const out = args.out ? resolve(args.out) : DEFAULT_SAMPLE_PATH;
  try {
    const rows = writeSampleCsv(out, { seed: args.seed, lines: args.lines });
    console.log(`wrote ${rows} rows to ${out}`);
  } catch (error) {
    if (error instanceof z.ZodError) fail(error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
    throw error;
  }
}
