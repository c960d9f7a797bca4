import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

import { BadInputError } from '../errors.js';

/** How a file's bytes are to be read, decided from its content, never from an option. */
export type InputKind = 'csv' | 'csv-gzip' | 'xlsx';

export interface InputFile {
  /** Absolute path. */
  path: string;
  kind: InputKind;
}

/** File names a folder may hold as inputs; anything else there (notes, lock files) is left alone. */
const DATA_FILE = /\.(csv|csv\.gz|txt|txt\.gz|gz|xlsx)$/i;

/**
 * Expands folders into the data files they hold (sorted by name), checks every file exists and is
 * not empty, and tells the formats apart by their first bytes: zip (an .xlsx workbook), gzip, or text.
 */
export function resolveInputFiles(paths: readonly string[]): InputFile[] {
  const files: string[] = [];
  for (const given of paths) {
    const path = resolve(given);
    if (!existsSync(path)) throw new BadInputError(`${given}: file not found`);
    if (statSync(path).isDirectory()) {
      const inside = readdirSync(path)
        .filter((name) => DATA_FILE.test(name) && !name.startsWith('~$') && !name.startsWith('.'))
        .sort()
        .map((name) => join(path, name));
      if (inside.length === 0) throw new BadInputError(`${given}: folder holds no .csv, .csv.gz or .xlsx file`);
      files.push(...inside);
    } else {
      files.push(path);
    }
  }
  const unique = [...new Set(files)];
  return unique.map((path) => ({ path, kind: detectKind(path) }));
}

function detectKind(path: string): InputKind {
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  if (read === 0) throw new BadInputError(`${path}: file is empty`);
  if (read >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'csv-gzip';
  if (read === 4 && head.toString('latin1') === 'PK\x03\x04') return 'xlsx';
  if (/\.xlsx$/i.test(basename(path))) throw new BadInputError(`${path}: named .xlsx but is not an Excel workbook (no zip signature)`);
  return 'csv';
}
