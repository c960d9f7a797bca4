import { BadInputError } from '../../schemas/errors.js';

/**
 * The longest line (a record, with any line breaks inside its quotes) a CSV input may have: below
 * the 2 MB (2,097,152 bytes) DuckDB's reader takes, with room for a field of a megabyte. A sales
 * line is a few hundred bytes; past its limit DuckDB's reader fails with a message that names no
 * file (which Temporal would retry), and a very long last line was reported dropped without a word.
 */
export const MAX_LINE_BYTES = 1_500_000;

/** A record that runs over several physical lines because a quoted field holds line breaks. */
export interface SpannedRecord {
  /** Physical line the record starts on (the header is line 1). */
  line: number;
  /** Physical lines the record covers (2 or more). */
  lines: number;
  /** Of the lines after the first, how many hold as many delimiters as a sales line: swallowed sales lines. */
  salesLines: number;
}

export interface CsvStructure {
  /** Empty lines (DuckDB skips them). */
  blankLines: number;
  /**
   * Where physical line numbers part from record numbers: from data record `record` (0 = the first
   * line after the header) on, a record's physical line is `record + 2 + shift`. Sorted by record.
   */
  shifts: { record: number; shift: number }[];
  spans: SpannedRecord[];
  /** Data records (not counting the header and blank lines). */
  records: number;
}

/** What to do next, for a line the reader cannot split into fields. */
const FIX_QUOTES = 'a field that holds a quote must be quoted as a whole with the quote doubled ("a ""b"" c"); correct the line or re-export the file';

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote seen inside a quoted field: either the first of a doubled quote or the closing one. */
  QuoteInQuoted,
  /** After a closing quote: only spaces may come before the delimiter or line break. */
  AfterClose,
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const SPACE = 0x20;

/**
 * Follows a CSV file's structure byte by byte as DuckDB's reader (strict mode, `"` quote and
 * escape) splits it, so that every line read can be given its physical line number and every line
 * the reader would refuse, merge or drop is named by its physical line first: a wrong number of
 * fields, a quote that never closes or closes inside a field, a carriage return on its own, a line
 * over MAX_LINE_BYTES. A quoted field is only opened at the start of a field (a quote inside an
 * unquoted field is text), as DuckDB does. Works on bytes: delimiter, quote and line breaks are
 * ASCII, so UTF-8 and ISO-8859-1 read the same.
 */
export function csvStructure(path: string, delimiterText: string, fieldCount: number) {
  const delimiter = delimiterText.charCodeAt(0);
  let state = State.FieldStart;
  let line = 1; // physical line of the current byte
  let recordLine = 1; // physical line the current record started on
  let recordIndex = -1; // the current record's index: -1 is the header, data records count from 0
  let recordBytes = 0;
  let delimiters = 0; // in the current record, outside quotes
  let lineDelimiters = 0; // in the current physical line, anywhere
  let salesLines = 0; // continuation lines of the current record that look like sales lines
  let quoteLine = 0; // line the current quoted field opened on
  let pendingCr = false;
  let sawLf = false;
  let shift = 0;
  const result: CsvStructure = { blankLines: 0, shifts: [], spans: [], records: 0 };

  const fail = (at: number, what: string): never => {
    throw new BadInputError(`${path}: line ${at}${what.startsWith('has ') ? ' ' : ': '}${what}`);
  };

  const endRecord = () => {
    const lines = line - recordLine + 1;
    const blank = delimiters === 0 && recordBytes === 0;
    if (blank && recordIndex >= 0) {
      result.blankLines += 1;
      shift += 1;
      result.shifts.push({ record: recordIndex, shift }); // the next record takes this record's index
    } else {
      if (recordIndex >= 0 && delimiters + 1 !== fieldCount) {
        const where = lines > 1 ? ` (a quoted field runs from line ${recordLine} to line ${line})` : '';
        fail(recordLine, `has ${delimiters + 1} fields, expected ${fieldCount} (wrong number of fields)${where}; check the delimiter and quotes on this line, or re-export the file`);
      }
      if (lines > 1) {
        if (lineDelimiters >= fieldCount - 1) salesLines += 1; // the line the quote closes on
        if (recordIndex >= 0) result.spans.push({ line: recordLine, lines, salesLines });
        shift += lines - 1;
        result.shifts.push({ record: recordIndex + 1, shift });
      }
      recordIndex += 1;
    }
    state = State.FieldStart;
    recordBytes = 0;
    delimiters = 0;
    salesLines = 0;
    recordLine = line + 1;
  };

  const loneCr = (): never =>
    sawLf
      ? fail(line, 'holds a carriage return (CR) that is not followed by a line feed (LF), outside quotes; re-save the file with LF or CRLF line breaks throughout')
      : fail(line, 'the file uses carriage returns (CR) alone as line breaks (an old Mac format); re-save it with LF or CRLF line breaks (for example as "CSV UTF-8" from Excel) and load it again');

  return {
    feed(chunk: Buffer): void {
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i] as number;
        if (pendingCr) {
          pendingCr = false;
          if (byte !== LF) loneCr();
        }
        if (byte === LF) {
          sawLf = true;
          if (state === State.Quoted) {
            // A line break inside quotes: the record goes on to the next physical line.
            if (line > recordLine && lineDelimiters >= fieldCount - 1) salesLines += 1;
            line += 1;
            lineDelimiters = 0;
            recordBytes += 1;
            continue;
          }
          endRecord();
          line += 1;
          lineDelimiters = 0;
          continue;
        }
        recordBytes += 1;
        if (recordBytes > MAX_LINE_BYTES) {
          fail(
            recordLine,
            state === State.Quoted && quoteLine === recordLine && line > recordLine
              ? `a quote opened on this line runs over ${MAX_LINE_BYTES} bytes (to line ${line}) without closing; close or remove the stray quote (") on line ${recordLine}`
              : `is longer than ${MAX_LINE_BYTES} bytes (a sales line is a few hundred); the file is not a sales export, or the line is damaged: correct or remove line ${recordLine}`,
          );
        }
        if (byte === delimiter) lineDelimiters += 1;
        switch (state) {
          case State.FieldStart:
            if (byte === QUOTE) {
              state = State.Quoted;
              quoteLine = line;
            } else if (byte === delimiter) delimiters += 1;
            else if (byte === CR) {
              pendingCr = true;
              recordBytes -= 1; // part of the line break
            } else state = State.Unquoted;
            break;
          case State.Unquoted:
            if (byte === delimiter) {
              delimiters += 1;
              state = State.FieldStart;
            } else if (byte === CR) {
              pendingCr = true;
              recordBytes -= 1;
            }
            break;
          case State.Quoted:
            if (byte === QUOTE) state = State.QuoteInQuoted;
            break;
          case State.QuoteInQuoted:
            if (byte === QUOTE) state = State.Quoted;
            else if (byte === delimiter) {
              delimiters += 1;
              state = State.FieldStart;
            } else if (byte === SPACE) state = State.AfterClose;
            else if (byte === CR) {
              pendingCr = true;
              recordBytes -= 1;
              state = State.AfterClose;
            } else {
              fail(
                quoteLine,
                quoteLine === line
                  ? `field ${delimiters + 1}: a quoted field closes before its end (text after the closing quote); ${FIX_QUOTES}`
                  : `field ${delimiters + 1}: a quote opened on line ${quoteLine} closes inside a field on line ${line}, swallowing the lines between; ${FIX_QUOTES}`,
              );
            }
            break;
          case State.AfterClose:
            if (byte === delimiter) {
              delimiters += 1;
              state = State.FieldStart;
            } else if (byte === CR) {
              pendingCr = true;
              recordBytes -= 1;
            } else if (byte !== SPACE) fail(line, `field ${delimiters + 1}: text after a closing quote; ${FIX_QUOTES}`);
            break;
        }
      }
    },
    /** At the end of the file: the last line may lack a line break; a quote still open is bad input. */
    end(): CsvStructure {
      if (pendingCr) loneCr();
      if (state === State.Quoted) {
        fail(quoteLine, `field ${delimiters + 1}: a quote (") opened on this line is never closed (the end of the file comes first); close or remove the stray quote`);
      }
      if (recordBytes > 0 || delimiters > 0 || state !== State.FieldStart) endRecord();
      result.records = recordIndex;
      return result;
    },
  };
}
