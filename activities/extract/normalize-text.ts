import { isUtf8 } from 'node:buffer';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

import { openText, type TextEncoding } from './text-scan.js';

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
  const windows1252 = new TextDecoder('windows-1252');
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
    return windows1252.decode(bytes);
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
