import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

import fc from 'fast-check';

import { MAX_LINE_BYTES } from '../../activities/extract/csv-structure.js';
import { FULL_DATA_SET } from '../../runtime/project.js';

/**
 * Generated hostile CSV files made from real lines of the shared data set: values of every column
 * replaced by extreme and malformed ones, and the line structure broken (quotes that open and close
 * lines apart, separators, line breaks, blank lines, encodings). Shared by both tiers of the
 * property test.
 */
export const SAMPLE_SIZE = 60;

/** The header and the first SAMPLE_SIZE lines of the shared data set. */
export async function realLines(): Promise<{ header: string; sample: string[] }> {
  const lines = createInterface({ input: createReadStream(FULL_DATA_SET).pipe(createGunzip()), crlfDelay: Infinity });
  const read: string[] = [];
  for await (const line of lines) {
    read.push(line);
    if (read.length > SAMPLE_SIZE) break;
  }
  lines.close();
  const [header = '', ...sample] = read;
  return { header, sample };
}

/** Extreme and malformed values of every type, for any column. */
const HOSTILE_VALUE = fc.oneof(
  fc.constantFrom(
    '', ' ', '"', '""', '"unclosed', 'a"b', ',', ';', '\t', '-0', '0', '-1', '6.0004', '1e3', '2E-5', '0.0004', 'NaN', 'Infinity',
    '999999999999999.999', '-999999999999999999999', '2147483648', '1/1/0001 10:00', '12/31/2099 23:59', '2/30/2011 10:00',
    '13/45/2010 25:61', '2010-12-01 08:26:00', '12/1/10 8:26', 'C', 'A', 'C536379', 'POST', 'TEST001', '17850.0', '17850.5',
    'Ã©', 'é', '\u00a0', '💥', 'x'.repeat(5000), 'a\nb', 'a\r\nb',
  ),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map(String),
  fc.double({ noNaN: false }).map(String),
);

const STRUCTURE = [
  'quote-open',
  'quote-span',
  'newline-in-field',
  'blank',
  'extra-column',
  'missing-column',
  'semicolon',
  'crlf',
  'lone-cr',
  'duplicate',
  'long-line',
] as const;

export type Mutation =
  | { kind: 'value'; line: number; column: number; value: string }
  | { kind: 'structure'; line: number; what: (typeof STRUCTURE)[number]; span: number };

/** Structure changes a reader must take (or quarantine), and ones that must fail the file. */
const READABLE: readonly (typeof STRUCTURE)[number][] = ['quote-span', 'newline-in-field', 'blank', 'crlf', 'duplicate'];
const BREAKING: readonly (typeof STRUCTURE)[number][] = ['quote-open', 'extra-column', 'missing-column', 'semicolon', 'lone-cr'];

const structure = (what: fc.Arbitrary<(typeof STRUCTURE)[number]>) =>
  fc.record({ kind: fc.constant('structure' as const), line: fc.nat({ max: SAMPLE_SIZE - 1 }), what, span: fc.integer({ min: 1, max: 6 }) });

/**
 * Weighted so that most files are read (and so go through every rule) while a good share break:
 * a line that breaks the structure fails the whole file, so breaking changes are the rarest. A line
 * over the reader's limit costs a megabyte and a half per case: rarer still.
 */
export const MUTATION: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 120, arbitrary: fc.record({ kind: fc.constant('value' as const), line: fc.nat({ max: SAMPLE_SIZE - 1 }), column: fc.nat({ max: 7 }), value: HOSTILE_VALUE }) },
  { weight: 60, arbitrary: structure(fc.constantFrom(...READABLE)) },
  { weight: 20, arbitrary: structure(fc.constantFrom(...BREAKING)) },
  { weight: 2, arbitrary: structure(fc.constant('long-line' as const)) },
);

/** How the file's bytes are written: one encoding for all lines, lines in two encodings, or line breaks. */
export const ENCODING: fc.Arbitrary<Encoding> = fc.oneof(
  { weight: 8, arbitrary: fc.constant('utf-8' as const) },
  { weight: 3, arbitrary: fc.constantFrom('latin-1' as const, 'mixed' as const) },
  { weight: 2, arbitrary: fc.constant('utf-8-bom' as const) },
  // Refused as a whole, whatever the lines: rarer, so that most cases reach the lines.
  { weight: 1, arbitrary: fc.constantFrom('utf-16le-bom' as const, 'utf-16le' as const, 'cr-only' as const) },
);
export type Encoding = 'utf-8' | 'latin-1' | 'mixed' | 'utf-8-bom' | 'utf-16le-bom' | 'utf-16le' | 'cr-only';

/** A word every line's description carries in a file of mixed encodings, so that its decoding can be checked. */
export const MIXED_MARKER = 'CAFÉ';

/** Applies the mutations to the sample; values that need it are quoted as a CSV writer would. */
export function mutate(lines: readonly string[], mutations: readonly Mutation[]): string[] {
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
      continue;
    }
    switch (m.what) {
      case 'quote-open':
        out[at] = line.replace(',', ',"');
        break;
      case 'quote-span': {
        // A description opens a quote and one a few lines on closes it: the lines between would merge.
        const end = Math.min(out.length - 1, at + m.span);
        const open = line.split(',');
        if (open[2] !== undefined) open[2] = `"${open[2]}`;
        out[at] = open.join(',');
        const close = (out[end] ?? '').split(',');
        if (end !== at && close[2] !== undefined) close[2] = `${close[2]}"`;
        if (end !== at) out[end] = close.join(',');
        break;
      }
      case 'newline-in-field':
        out[at] = `${line.replace(',', ',"x\n')}"`;
        break;
      case 'blank':
        out.splice(at, 0, ...Array.from({ length: m.span }, () => ''));
        break;
      case 'extra-column':
        out[at] = `${line},extra`;
        break;
      case 'missing-column':
        out[at] = line.slice(0, line.lastIndexOf(','));
        break;
      case 'semicolon':
        out[at] = line.replace(',', ';');
        break;
      case 'crlf':
        out[at] = `${line}\r`;
        break;
      case 'lone-cr':
        out[at] = line.replace(',', ',\r');
        break;
      case 'duplicate':
        out.splice(at, 0, line);
        break;
      case 'long-line':
        out[at] = line.replace(',', `,${'y'.repeat(MAX_LINE_BYTES)}`);
        break;
    }
  }
  return out;
}

/** The bytes of the file: header and lines in the encoding (lines of a mixed file alternate encodings). */
export function fileBytes(header: string, lines: readonly string[], encoding: Encoding): Buffer {
  const text = `${header}\n${lines.join('\n')}\n`;
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'latin-1':
      return Buffer.from(text, 'latin1');
    case 'mixed':
      // Every third line was pasted from a UTF-8 file into a Windows-1252 one.
      return Buffer.concat(text.split('\n').map((l, i, all) => Buffer.from(l + (i < all.length - 1 ? '\n' : ''), i % 3 === 1 ? 'utf8' : 'latin1')));
    case 'utf-16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16le':
      return Buffer.from(text, 'utf16le');
    case 'cr-only':
      return Buffer.from(text.replaceAll('\r\n', '\n').replaceAll('\n', '\r'), 'utf8');
  }
}

/** Lines of the file as a text editor counts them (a last line without a line break counts). */
export function physicalLines(bytes: Buffer): { count: number; lines: string[] } {
  const lines = bytes.toString('latin1').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return { count: lines.length, lines };
}

/** What a failed case's message must say for a file that is refused as a whole. */
export const WHOLE_FILE_MESSAGE: Partial<Record<Encoding, string>> = {
  'utf-16le-bom': 'the file is UTF-16 text, which is not read',
  'utf-16le': 'the file is UTF-16 text, which is not read',
  'cr-only': 'the file uses carriage returns (CR) alone as line breaks',
};
