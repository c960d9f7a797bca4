import { isUtf8 } from 'node:buffer';
import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

import { BadInputError } from '../../schemas/errors.js';
import { csvStructure, type CsvStructure } from './csv-structure.js';

export type TextEncoding = 'utf-8' | 'latin-1';

export interface TextScan {
  encoding: TextEncoding;
  /** The first line without its line break (and without a UTF-8 byte-order mark). */
  headerLine: string;
  /** Lines in the file as a text editor counts them (a last line without a line break counts). */
  physicalLines: number;
  /** Decompressed size in bytes. */
  bytes: number;
  /** Line breaks: all LF, all CRLF, or a mix of CRLF and LF that DuckDB cannot read. */
  lineBreaks: 'lf' | 'crlf' | 'mixed';
  /** How the lines split into records (when the scan was given the delimiter and field count). */
  structure?: CsvStructure;
}

/** The delimiter and field count the header settled, for following the file's record structure. */
export interface CsvLayout {
  delimiter: string;
  fieldCount: number;
}

const RESAVE_UTF8 = 're-save it as UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)"; in an editor: encoding UTF-8)';

/**
 * UTF-16 text (a byte-order mark, or a NUL beside every ASCII character) is refused with a message
 * saying so: read as bytes it looks binary, and DuckDB reads only UTF-8 and Latin-1.
 */
function assertNotUtf16(path: string, head: Buffer): void {
  const bom = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  let nulPairs = 0;
  const pairs = Math.min(64, Math.floor(head.length / 2));
  for (let i = 0; i < pairs; i++) if ((head[2 * i] === 0) !== (head[2 * i + 1] === 0)) nulPairs += 1;
  if (bom || (pairs >= 4 && nulPairs === pairs)) throw new BadInputError(`${path}: line 1: the file is UTF-16 text, which is not read`, RESAVE_UTF8);
}

/** A first line with a carriage return not followed by a line feed: the file breaks its lines with CR alone. */
function assertNotCrOnly(path: string, firstLine: Buffer): void {
  const cr = firstLine.indexOf(0x0d);
  if (cr !== -1 && cr < firstLine.length - 1) {
    throw new BadInputError(
      `${path}: line 1: the file uses carriage returns (CR) alone as line breaks (an old Mac format)`,
      're-save it with LF or CRLF line breaks (for example as "CSV UTF-8" from Excel)',
    );
  }
}

/** How far into a file a NUL byte marks it as binary rather than text. */
const BINARY_PROBE_BYTES = 64 * 1024;
/** A header longer than this is not a CSV header. */
const MAX_HEADER_BYTES = 64 * 1024;

export function openText(path: string, gzip: boolean, source = createReadStream(path)): Readable {
  if (!gzip) return source;
  const stream = source.pipe(createGunzip());
  source.on('error', (err) => stream.destroy(err));
  stream.on('close', () => source.destroy());
  return stream;
}

function readError(path: string, gzip: boolean, err: unknown): BadInputError {
  if (err instanceof BadInputError) return err;
  const reason = (err as Error).message;
  return new BadInputError(gzip ? `${path}: gzip data is truncated or corrupt (${reason})` : `${path}: cannot be read (${reason})`);
}

/** Strips a line break's CR and a UTF-8 byte-order mark; decodes as UTF-8 when valid, else ISO-8859-1. */
function headerText(bytes: Buffer): string {
  let header = bytes;
  if (header[header.length - 1] === 0x0d) header = header.subarray(0, header.length - 1);
  if (header[0] === 0xef && header[1] === 0xbb && header[2] === 0xbf) header = header.subarray(3);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(header);
  } catch {
    return header.toString('latin1');
  }
}

/**
 * Reads just the first line of a (possibly gzip-compressed) text file, so the load can start while
 * the full scan runs. Fails on an empty file, binary bytes or a first line too long for a header.
 */
export async function readHeaderLine(path: string, gzip: boolean): Promise<string> {
  const stream = openText(path, gzip);
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (length === 0) assertNotUtf16(path, chunk);
      const end = chunk.indexOf(0x0a);
      const part = end === -1 ? chunk : chunk.subarray(0, end);
      assertNotCrOnly(path, part);
      const nul = part.indexOf(0);
      if (nul !== -1) throw new BadInputError(`${path}: not a text file (binary byte at offset ${length + nul})`);
      chunks.push(part);
      length += part.length;
      if (end !== -1) break;
      if (length > MAX_HEADER_BYTES) throw new BadInputError(`${path}: first line is over ${MAX_HEADER_BYTES} bytes; not a CSV header`);
    }
  } catch (err) {
    throw readError(path, gzip, err);
  } finally {
    stream.destroy();
  }
  if (length === 0 && chunks.length === 0) throw new BadInputError(`${path}: file is empty`);
  return headerText(Buffer.concat(chunks));
}

/** How far a scan has got: lines seen so far and the share of the file's bytes (compressed ones for gzip) read. */
export type ScanProgress = (lines: number, fraction: number) => void;

/** Reports scan progress at most this often. */
const PROGRESS_EVERY_MS = 1_000;

/**
 * One streaming pass over a (possibly gzip-compressed) text file: decides its encoding (UTF-8 unless
 * some byte sequence is invalid UTF-8, then ISO-8859-1, whose every byte is a character), counts its
 * lines and returns the header line. It also proves the bytes are readable text, so a binary file
 * or a truncated gzip fails here with a clear message instead of deep inside DuckDB. `onProgress`
 * hears, about once a second, how far it has got.
 */
export async function scanTextFile(path: string, gzip: boolean, layout?: CsvLayout, onProgress?: ScanProgress): Promise<TextScan> {
  const source = createReadStream(path);
  const stream = openText(path, gzip, source);
  const size = onProgress ? statSync(path).size : 0;
  let reported = performance.now();
  const records = layout ? csvStructure(path, layout.delimiter, layout.fieldCount) : undefined;
  const utf8 = utf8Checker();
  let validUtf8 = true;
  let bytes = 0;
  let newlines = 0;
  let crlf = 0;
  let lastByte = -1;
  const headerChunks: Buffer[] = [];
  let headerDone = false;
  let structure: CsvStructure | undefined;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (bytes === 0) assertNotUtf16(path, chunk);
      if (bytes < BINARY_PROBE_BYTES) {
        const nul = chunk.subarray(0, BINARY_PROBE_BYTES - bytes).indexOf(0);
        if (nul !== -1) throw new BadInputError(`${path}: not a text file (binary byte at offset ${bytes + nul})`);
      }
      if (!headerDone) {
        const end = chunk.indexOf(0x0a);
        headerChunks.push(end === -1 ? chunk : chunk.subarray(0, end));
        headerDone = end !== -1;
      }
      for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) {
        newlines += 1;
        if ((i > 0 ? chunk[i - 1] : lastByte) === 0x0d) crlf += 1;
      }
      if (validUtf8) validUtf8 = utf8.accepts(chunk);
      records?.feed(chunk);
      bytes += chunk.length;
      if (chunk.length) lastByte = chunk[chunk.length - 1] ?? -1;
      if (onProgress && performance.now() - reported >= PROGRESS_EVERY_MS) {
        reported = performance.now();
        onProgress(newlines, size ? Math.min(1, source.bytesRead / size) : 0);
      }
    }
    // An incomplete sequence at the very end is invalid too.
    if (validUtf8) validUtf8 = utf8.complete();
    structure = records?.end();
  } catch (err) {
    throw readError(path, gzip, err);
  } finally {
    stream.destroy();
  }
  if (bytes === 0) throw new BadInputError(`${path}: file is empty`);
  return {
    encoding: validUtf8 ? 'utf-8' : 'latin-1',
    headerLine: headerText(Buffer.concat(headerChunks)),
    physicalLines: newlines + (lastByte === 0x0a ? 0 : 1),
    bytes,
    lineBreaks: crlf === 0 ? 'lf' : crlf === newlines ? 'crlf' : 'mixed',
    ...(structure ? { structure } : {}),
  };
}

/**
 * Checks a byte stream for UTF-8 chunk by chunk without decoding it (a tenth of the CPU of a fatal
 * TextDecoder): a sequence cut by a chunk boundary is held back and checked with the next chunk.
 */
function utf8Checker() {
  let held: Buffer = Buffer.alloc(0);
  return {
    accepts(chunk: Buffer): boolean {
      const bytes = held.length ? Buffer.concat([held, chunk]) : chunk;
      const cut = incompleteTail(bytes);
      held = Buffer.from(bytes.subarray(cut));
      return isUtf8(bytes.subarray(0, cut));
    },
    /** At the end, a sequence still held back is incomplete, so not UTF-8. */
    complete: (): boolean => held.length === 0,
  };
}

/** Where a multi-byte sequence that the bytes end in the middle of starts (bytes.length if none). */
function incompleteTail(bytes: Buffer): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
    const byte = bytes[i] as number;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return bytes.length - i < length ? i : bytes.length;
  }
  return bytes.length;
}
