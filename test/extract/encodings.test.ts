import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { HEADERS, fixtureDir } from '../fixtures/sales-lines.js';
import { extractAndValidate, outputDirIn, query } from './run-steps.js';

/** Files as users have them: lines in two encodings, UTF-16, old Mac line breaks. */
const dir = fixtureDir('encodings');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header = HEADERS['Online Retail'].join(',');
const sale = (invoice: string, description: string) => `${invoice},22100,${description},6,12/1/2010 9:00,2.55,17850,United Kingdom`;

function write(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('encodings and line breaks', () => {
  it('decodes each line of a Windows-1252 file with a UTF-8 line pasted in as its own encoding', async () => {
    const lines: [string, BufferEncoding][] = [
      [header, 'latin1'],
      [sale('536400', 'CAFÉ SET £5'), 'latin1'],
      [sale('536401', 'CRÈME BRÛLÉE DISH'), 'utf8'], // pasted from a UTF-8 file
      [sale('536402', 'NAÏVE BIRD'), 'latin1'],
    ];
    const bytes = Buffer.concat(lines.map(([text, encoding]) => Buffer.from(`${text}\n`, encoding)));
    // Windows-1252's curly quote (0x93) too, which ISO-8859-1 does not have.
    const withQuote = Buffer.concat([bytes, Buffer.from(sale('536403', 'X'), 'latin1').subarray(0, 13), Buffer.from([0x93]), Buffer.from('WORD,6,12/1/2010 9:00,2.55,17850,United Kingdom\n', 'latin1')]);
    const path = write('mixed.csv', withQuote);
    const steps = await extractAndValidate([path], outputDirIn(dir, 'mixed'));
    const staged = await query<{ line_number: string; description: string }>(steps.database, 'select line_number, description from stg_sales_lines order by line_number');
    expect(staged).toEqual([
      { line_number: '2', description: 'CAFÉ SET £5' },
      { line_number: '3', description: 'CRÈME BRÛLÉE DISH' },
      { line_number: '4', description: 'NAÏVE BIRD' },
      { line_number: '5', description: '\u201cWORD' },
    ]);
    expect(steps.extract.notes.join('\n')).toContain(`${path}: mixed encodings: 1 line(s) decoded as UTF-8, 3 as Windows-1252`);
  });

  it.each([
    ['with a byte-order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${header}\n${sale('536400', 'X')}\n`, 'utf16le')])],
    ['without a byte-order mark', Buffer.from(`${header}\n${sale('536400', 'X')}\n`, 'utf16le')],
  ])('refuses UTF-16 %s, saying so and how to re-save it', async (label, bytes) => {
    const path = write(`utf16-${label.split(' ')[0]}.csv`, bytes);
    await expect(extractAndValidate([path], outputDirIn(dir, `utf16-${label.split(' ')[0]}`))).rejects.toMatchObject({
      type: 'BadInput',
      nonRetryable: true,
      message: expect.stringMatching(
        /: line 1: the file is UTF-16 text, which is not read — re-save it as UTF-8 \(in Excel: "CSV UTF-8 \(Comma delimited\)"; in an editor: encoding UTF-8\), then resume with: npm run reset -- --warehouse \S+$/,
      ),
    });
  });

  it('refuses a file with CR-only line breaks, saying so and how to re-save it', async () => {
    const path = write('cr-only.csv', Buffer.from(`${header}\r${sale('536400', 'X')}\r${sale('536401', 'Y')}\r`));
    await expect(extractAndValidate([path], outputDirIn(dir, 'cr-only'))).rejects.toMatchObject({
      type: 'BadInput',
      nonRetryable: true,
      message: expect.stringContaining(`${path}: line 1: the file uses carriage returns (CR) alone as line breaks (an old Mac format) — re-save it with LF or CRLF line breaks`),
    });
  });

  it('names the line of a lone carriage return in an LF file', async () => {
    const path = write('lone-cr.csv', Buffer.from(`${header}\n${sale('536400', 'X')}\n536401,22100,A\rB,6,12/1/2010 9:00,2.55,17850,United Kingdom\n`));
    await expect(extractAndValidate([path], outputDirIn(dir, 'lone-cr'))).rejects.toMatchObject({
      type: 'BadInput',
      message: expect.stringContaining(`${path}: line 3: holds a carriage return (CR) that is not followed by a line feed (LF), outside quotes`),
    });
  });
});
