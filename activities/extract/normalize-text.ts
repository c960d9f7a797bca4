import { isUtf8 } from 'node:buffer';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

import { openText, type TextEncoding } from './text-scan.js';

/**
 * Windows-1252's characters in 0x80-0x9F (where ISO-8859-1 has control codes), as the WHATWG
 * encoding standard maps them; the five bytes it leaves undefined stay control codes. Written out
 * because Node's TextDecoder decodes "windows-1252" as ISO-8859-1, turning a curly quote into a
 * control code.
 */
const WINDOWS_1252_HIGH: Record<number, string> = {
  0x80: '\u20ac', 0x82: '\u201a', 0x83: '\u0192', 0x84: '\u201e', 0x85: '\u2026', 0x86: '\u2020', 0x87: '\u2021', 0x88: '\u02c6',
  0x89: '\u2030', 0x8a: '\u0160', 0x8b: '\u2039', 0x8c: '\u0152', 0x8e: '\u017d', 0x91: '\u2018', 0x92: '\u2019', 0x93: '\u201c',
  0x94: '\u201d', 0x95: '\u2022', 0x96: '\u2013', 0x97: '\u2014', 0x98: '\u02dc', 0x99: '\u2122', 0x9a: '\u0161', 0x9b: '\u203a',
  0x9c: '\u0153', 0x9e: '\u017e', 0x9f: '\u0178',
};

export function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0)] ?? c);
}

/** How the lines of a normalised copy were decoded: lines of ASCII alone count in neither. */
export interface LineDecoding {
  utf8Lines: number;
  windows1252Lines: number;
}

/**
 * Writes a UTF-8 copy of a text file with LF line breaks, for the files DuckDB's reader refuses as
 * they are: files that are not all UTF-8 and files that mix CRLF and LF line breaks. A file that is
 * not all UTF-8 is decoded line by line: a line that is valid UTF-8 is UTF-8 (one such line among
 * Windows-1252 ones is a line pasted from elsewhere; read as Windows-1252 it would turn "é" into
 * "Ã©"), any other line is Windows-1252, which agrees with ISO-8859-1 on every printable character,
 * so `£` stays `£`. Only a CR right before an LF goes; a lone CR is data inside quotes and is kept.
 * The copy has exactly the lines of the file. Returns its path, how its lines were decoded and a
 * cleanup function.
 */
export async function normalizedCopy(
  path: string,
  gzip: boolean,
  encoding: TextEncoding,
): Promise<{ path: string; decoding: LineDecoding; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'warehouse-extract-'));
  const copy = join(dir, 'normalized.csv');
  const decoding: LineDecoding = { utf8Lines: 0, windows1252Lines: 0 };
  let held: Buffer = Buffer.alloc(0); // the start of a line the next chunk ends
  const lineText = (line: Buffer): string => {
    const bytes = line[line.length - 1] === 0x0d ? line.subarray(0, line.length - 1) : line;
    if (encoding === 'utf-8') return bytes.toString('utf8');
    if (!bytes.some((b) => b >= 0x80)) return bytes.toString('latin1');
    if (isUtf8(bytes)) {
      decoding.utf8Lines += 1;
      return bytes.toString('utf8');
    }
    decoding.windows1252Lines += 1;
    return decodeWindows1252(bytes);
  };
  const toUtf8Lf = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const bytes = held.length ? Buffer.concat([held, chunk]) : chunk;
      const parts: string[] = [];
      let start = 0;
      for (let end = bytes.indexOf(0x0a); end !== -1; end = bytes.indexOf(0x0a, start)) {
        parts.push(lineText(bytes.subarray(start, end)), '\n');
        start = end + 1;
      }
      held = Buffer.from(bytes.subarray(start));
      done(null, Buffer.from(parts.join(''), 'utf8'));
    },
    flush(done) {
      done(null, Buffer.from(held.length ? lineText(held) : '', 'utf8'));
    },
  });
  try {
    await pipeline(openText(path, gzip), toUtf8Lf, createWriteStream(copy));
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { path: copy, decoding, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
