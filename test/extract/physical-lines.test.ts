import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { MAX_LINE_BYTES } from '../../activities/extract/csv-structure.js';
import { HEADERS, SAMPLE_LINES, csvField, fixtureDir, lineFields } from '../fixtures/sales-lines.js';
import { extractAndValidate, outputDirIn, query } from './run-steps.js';

/**
 * Physical lines are accounted for: hand-made files with blank lines, line breaks inside quotes, a
 * stray quote that swallows sales lines and lines too long to read. Every line read carries the
 * number a text editor shows for it, load_audit adds the physical lines up, and a line the reader
 * cannot take is a non-retryable BadInput naming file and physical line.
 */
const dir = fixtureDir('physical-lines');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header = HEADERS['Online Retail'].join(',');
const line = (i: number) => lineFields(SAMPLE_LINES[i % SAMPLE_LINES.length]!).map((f) => csvField(f, ',')).join(',');

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function run(path: string) {
  return extractAndValidate([path], outputDirIn(dir, path.split('/').pop()!.replace(/\W/g, '-')), 1);
}

async function expectBadInput(path: string, message: string) {
  await expect(run(path)).rejects.toMatchObject({ type: 'BadInput', nonRetryable: true, message: expect.stringContaining(message) });
}

type Audit = {
  rows_read: string;
  rows_staged: string;
  rows_quarantined: string;
  rows_overlapping: string;
  physical_lines: string;
  blank_lines: string;
  lines_joined: string;
};

describe('physical lines are accounted for', () => {
  it('quarantines a stray quote that swallows five sales lines, and numbers every line by its physical line', async () => {
    // Line 3 opens a quote in its description; it closes at the end of a description six lines on
    // (line 8), so a reader would make lines 3-8 one line whose description holds five sales lines.
    const stray = `536400,22100,"BROKEN OPEN QUOTE,6,12/1/2010 9:00,2.55,17850,United Kingdom`;
    const closing = `536401,22101,CLOSES HERE",6,12/1/2010 9:00,2.55,17850,United Kingdom`;
    const lines = [header, line(0), stray, line(1), line(3), line(5), line(6), closing, '', line(8), '', '', 'X1,22,bad qty,abc,12/1/2010 9:00,1,17850,United Kingdom', line(12)];
    const path = write('stray-quote.csv', `${lines.join('\n')}\n`);
    const steps = await run(path);
    const quarantined = await query<{ line_number: string; reason: string; column_name: string }>(
      steps.database,
      'select line_number, reason, column_name from quarantine order by line_number',
    );
    expect(quarantined).toEqual([
      { line_number: '3', reason: 'quoted field spans 6 physical lines (3 to 8), holding 5 line(s) that read as sales lines', column_name: 'Description' },
      // After the six-line record and three blank lines, the editor's line 13.
      { line_number: '13', reason: 'quantity is not a number', column_name: 'Quantity' },
    ]);
    const staged = await query<{ line_number: string; invoice_no: string }>(steps.database, 'select line_number, invoice_no from stg_sales_lines order by line_number');
    expect(staged.map((s) => Number(s.line_number))).toEqual([2, 10, 14]);
    for (const s of staged) expect(lines[Number(s.line_number) - 1]?.startsWith(`${s.invoice_no},`)).toBe(true);
    const [audit] = await query<Audit>(steps.database, 'select * from load_audit');
    expect(audit).toMatchObject({ rows_read: '5', rows_staged: '3', rows_quarantined: '2', physical_lines: String(lines.length), blank_lines: '3', lines_joined: '5' });
    expect(Number(audit?.physical_lines)).toBe(1 + Number(audit?.rows_read) + Number(audit?.blank_lines) + Number(audit?.lines_joined));
  });

  it('keeps a line whose quoted description holds a line break but no sales line', async () => {
    const lines = [header, `536500,22200,"FIRST PART\nSECOND PART",6,12/1/2010 9:00,2.55,17850,United Kingdom`, line(0)];
    const steps = await run(write('break-in-description.csv', `${lines.join('\n')}\n`));
    const staged = await query<{ line_number: string; description: string }>(steps.database, 'select line_number, description from stg_sales_lines order by line_number');
    expect(staged).toEqual([
      { line_number: '2', description: 'FIRST PART\nSECOND PART' },
      { line_number: '4', description: SAMPLE_LINES[0]!.description },
    ]);
  });

  it('names the physical line of a line with the wrong number of fields after blank lines and quoted line breaks', async () => {
    const lines = [header, line(0), '', `536500,22200,"A\nB\nC",6,12/1/2010 9:00,2.55,17850,United Kingdom`, line(1), `${line(2)},extra`];
    const path = write('fields-after-breaks.csv', `${lines.join('\n')}\n`);
    await expectBadInput(path, `${path}: line 8 has 9 fields, expected 8 (wrong number of fields)`);
  });

  it('names the line a quote opens on when it closes inside a field lines later', async () => {
    const lines = [header, line(0), `536400,22100,"BROKEN,6,12/1/2010 9:00,2.55,17850,United Kingdom`, line(1), `536401,22101,"CLOSES" HERE,6,12/1/2010 9:00,2.55,17850,UK`];
    const path = write('quote-closes-mid-field.csv', `${lines.join('\n')}\n`);
    await expectBadInput(path, `${path}: line 3: field 3: a quote opened on line 3 closes inside a field on line 5`);
  });

  it('refuses a line over the limit in the middle of a file, naming it (not a retryable reader error)', async () => {
    const long = `536400,22100,${'x'.repeat(MAX_LINE_BYTES + 10)},6,12/1/2010 9:00,2.55,17850,United Kingdom`;
    const path = write('long-middle.csv', `${[header, line(0), line(1), long, line(2)].join('\n')}\n`);
    await expectBadInput(path, `${path}: line 4: is longer than ${MAX_LINE_BYTES} bytes`);
  });

  it('refuses a last line of over 10 MB without a line break instead of dropping it', async () => {
    const long = `536400,22100,${'x'.repeat(10 * 1024 * 1024 + 10)},6,12/1/2010 9:00,2.55,17850,United Kingdom`;
    const path = write('long-last.csv', [header, line(0), line(1), long].join('\n'));
    await expectBadInput(path, `${path}: line 4: is longer than ${MAX_LINE_BYTES} bytes`);
  });

  it('names an unclosed quote that runs to the end of the file by the line it opens on', async () => {
    const lines = [header, line(0), `536400,22100,"NEVER CLOSED,6,12/1/2010 9:00,2.55,17850,United Kingdom`, line(1), line(2)];
    const path = write('never-closed.csv', `${lines.join('\n')}\n`);
    await expectBadInput(path, `${path}: line 3: field 3: a quote (") opened on this line is never closed`);
  });
});
