import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

import { openText, type TextEncoding } from './text-scan.js';

/**
 * Writes a UTF-8 copy of a text file with LF line breaks, for the files DuckDB's reader refuses as
 * they are: ISO-8859-1 files that also use the Windows-1252 characters in 0x80-0x9F (curly quotes,
 * the euro sign) and files that mix CRLF and LF line breaks. Windows-1252 is decoded for every
 * non-UTF-8 file: it agrees with ISO-8859-1 on every printable character, so `£` stays `£`. Only
 * CRLF pairs change; a lone CR is data (it may sit inside a quoted field) and is kept.
 * Returns the copy's path and a cleanup function.
 */
export async function normalizedCopy(path: string, gzip: boolean, encoding: TextEncoding): Promise<{ path: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'warehouse-extract-'));
  const copy = join(dir, 'normalized.csv');
  const decoder = new TextDecoder(encoding === 'utf-8' ? 'utf-8' : 'windows-1252');
  let heldCr = false; // a CR at the end of a chunk may be the first half of a CRLF
  const toUtf8Lf = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      let text = (heldCr ? '\r' : '') + decoder.decode(chunk, { stream: true });
      heldCr = text.endsWith('\r');
      if (heldCr) text = text.slice(0, -1);
      done(null, Buffer.from(text.replaceAll('\r\n', '\n'), 'utf8'));
    },
    flush(done) {
      const text = (heldCr ? '\r' : '') + decoder.decode();
      done(null, Buffer.from(text.replaceAll('\r\n', '\n'), 'utf8'));
    },
  });
  try {
    await pipeline(openText(path, gzip), toUtf8Lf, createWriteStream(copy));
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { path: copy, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
