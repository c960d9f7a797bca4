import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { afterAll, describe, expect, it } from 'vitest';

import { extract } from '../../activities/extract.js';
import { HEADERS, SAMPLE_LINES, csvText, fixtureDir, lineFields, writeCsv, writeXlsx } from '../fixtures/sales-lines.js';
import { extractAndValidate, outputDirIn, stepInput } from './run-steps.js';

const dir = fixtureDir('bad-input');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Extract must fail with a non-retryable BadInput failure whose message matches. */
async function expectBadInput(paths: string[], message: RegExp | string) {
  const outputDir = outputDirIn(dir, `bad-${Math.random().toString(36).slice(2)}`);
  const published = join(outputDir, 'test', 'published');
  await expect(extract(stepInput(paths, outputDir))).rejects.toMatchObject({
    type: 'BadInput',
    nonRetryable: true,
    message: typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message),
  });
  expect(existsSync(published)).toBe(false); // only the run's own folder may have been touched
}

const write = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('bad input fails clearly, naming file, line and column', () => {
  it('a file that is not there', async () => {
    await expectBadInput([join(dir, 'missing.csv')], /missing\.csv: file not found/);
  });

  it('an empty file', async () => {
    const path = write('empty.csv', '');
    await expectBadInput([path], `${path}: file is empty`);
  });

  it('an empty gzip file', async () => {
    const path = write('empty.csv.gz', gzipSync(Buffer.alloc(0)));
    await expectBadInput([path], `${path}: file is empty`);
  });

  it('a header only', async () => {
    const path = writeCsv(dir, 'header-only.csv', []);
    await expectBadInput([path], `${path}: header only, no data lines`);
  });

  it('a workbook sheet with a header only', async () => {
    const path = await writeXlsx(dir, 'header-only.xlsx', [{ name: 'Online Retail' }]);
    await expectBadInput([path], `${path}#Online Retail: header only, no data rows`);
  });

  it('a missing required column, named with the names it may carry', async () => {
    const text = csvText(SAMPLE_LINES.slice(0, 2)).replace('UnitPrice', 'Cost');
    const path = write('no-price.csv', text);
    await expectBadInput([path], `${path}: missing required column UnitPrice or Price; the first line has 8 field(s), of which column name(s) InvoiceNo, StockCode, Description, Quantity, InvoiceDate, CustomerID, Country and 1 other(s) (not shown)`);
  });

  it('a binary file', async () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = (i * 37) % 256;
    const path = write('random.bin.csv', bytes);
    await expectBadInput([path], /random\.bin\.csv: not a text file \(binary byte at offset \d+\)/);
  });

  it('a truncated gzip', async () => {
    const whole = gzipSync(Buffer.from(csvText(SAMPLE_LINES)));
    const path = write('truncated.csv.gz', whole.subarray(0, Math.floor(whole.length / 2)));
    await expectBadInput([path], `${path}: gzip data is truncated or corrupt`);
  });

  it('a line with the wrong number of fields, naming the line', async () => {
    const rows = [[...lineFields(SAMPLE_LINES[0]!), 'surplus']];
    const path = writeCsv(dir, 'extra-field.csv', SAMPLE_LINES.slice(0, 3), {}, rows);
    await expectBadInput([path], `${path}: line 5 has 9 fields, expected 8 (wrong number of fields)`);
  });

  it('a line with too few fields, naming the line', async () => {
    const path = writeCsv(dir, 'short-line.csv', SAMPLE_LINES.slice(0, 1), {}, [['536999', '22222', 'ONLY THREE']]);
    await expectBadInput([path], `${path}: line 3 has 3 fields, expected 8 (wrong number of fields)`);
  });

  it('an unterminated quote, naming the line', async () => {
    const path = write('open-quote.csv', `${csvText(SAMPLE_LINES.slice(0, 3))}536999,22222,"BROKEN QUOTE,6,12/1/2010 8:26,2.55,17850,United Kingdom\n`);
    await expectBadInput([path], `${path}: line 5: field 3: a quote (") opened on this line is never closed (the end of the file comes first)`);
  });

  it('an xlsx with no sheet holding the sales columns', async () => {
    const path = await writeXlsx(dir, 'no-sales.xlsx', [{ name: 'Summary', header: ['Month', 'Revenue'], rows: [['2011-01', 1000]] }]);
    await expectBadInput([path], `${path}: no sheet with the sales columns`);
  });

  it('an xlsx sheet missing a column, naming sheet and column', async () => {
    const header = HEADERS['Online Retail II'].filter((h) => h !== 'Customer ID');
    const path = await writeXlsx(dir, 'no-customer.xlsx', [{ name: 'Year 2010-2011', header, rows: [['536365', '85123A', 'X', 6, new Date(), 2.55, 'United Kingdom']] }]);
    await expectBadInput([path], `${path}#Year 2010-2011: missing required column CustomerID or Customer ID`);
  });

  it('a file named .xlsx that is not a workbook', async () => {
    const path = write('fake.xlsx', csvText(SAMPLE_LINES));
    await expectBadInput([path], `${path}: named .xlsx but is not an Excel workbook`);
  });

  it('a corrupt workbook', async () => {
    const good = readFileSync(await writeXlsx(dir, 'good.xlsx', [{ name: 'Data', lines: SAMPLE_LINES }]));
    const path = write('corrupt.xlsx', good.subarray(0, Math.floor(good.length / 2)));
    await expectBadInput([path], /corrupt\.xlsx: (not a readable \.xlsx workbook|no sheet with the sales columns)/);
  });
});

describe('the quarantine share', () => {
  // One bad line in 13 is 7.7%: over the default 5% limit, under a 10% limit.
  const rows = [[...lineFields(SAMPLE_LINES[1]!).slice(0, 3), 'six', ...lineFields(SAMPLE_LINES[1]!).slice(4)]];

  it('fails the run when a file has more quarantined lines than allowed, naming the first', async () => {
    const path = writeCsv(dir, 'too-many-bad.csv', SAMPLE_LINES.slice(0, 12), {}, rows);
    await expect(extractAndValidate([path], outputDirIn(dir, 'too-many'))).rejects.toMatchObject({
      type: 'BadInput',
      nonRetryable: true,
      message: expect.stringContaining(
        `${path}: 7.7% of lines quarantined (1 of 13; limit 5.0%); first: ${path} line 14, column Quantity: quantity is not a number`,
      ),
    });
  });

  it('passes under a higher limit and keeps the line in quarantine with its raw values', async () => {
    const path = writeCsv(dir, 'some-bad.csv', SAMPLE_LINES.slice(0, 12), {}, rows);
    const run = await extractAndValidate([path], outputDirIn(dir, 'some-bad'), 0.1);
    expect(run.validate.notes[0]).toBe('13 read = 12 staged + 1 quarantined + 0 repeated in an earlier source');
    expect(run.validate.notes).toContain('quarantined: quantity is not a number: 1');
  });
});
