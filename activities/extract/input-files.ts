import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, join, resolve } from 'node:path';

import { BadInputError } from '../../schemas/errors.js';
import { isInside } from '../../schemas/paths.js';

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
    if (!existsSync(path)) throw new BadInputError(`${given}: file not found`, 'put the file back at that path (or start a new refresh with the right --input)');
    const stats = statSync(path);
    if (stats.isDirectory()) {
      const inside = readdirSync(path)
        .filter((name) => DATA_FILE.test(name) && !name.startsWith('~$') && !name.startsWith('.'))
        .sort()
        .map((name) => join(path, name));
      if (inside.length === 0) throw new BadInputError(`${given}: folder holds no .csv, .csv.gz or .xlsx file`, 'put the sales files into that folder');
      for (const file of inside) assertInsideFolder(path, file);
      files.push(...inside);
    } else {
      assertRegularFile(path, stats);
      files.push(path);
    }
  }
  const unique = [...new Set(files)];
  return unique.map((path) => ({ path, kind: detectKind(path) }));
}

/** What a path is, in words, for a message; only regular files are read. */
function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/** Refuses anything but a regular file at once: reading a FIFO or a device would wait for ever. */
function assertRegularFile(path: string, stats: Stats): void {
  if (!stats.isFile()) throw new BadInputError(`${path}: is ${kindOf(stats)}, not a regular file`, 'put a .csv, .csv.gz or .xlsx file in its place');
}

/**
 * A file found in an input folder must be a regular file inside that folder: a symbolic link that
 * leads outside it (say to a system file) is refused rather than read and quoted.
 */
function assertInsideFolder(folder: string, file: string): void {
  if (lstatSync(file).isSymbolicLink()) {
    let target: string;
    try {
      target = realpathSync(file);
    } catch {
      throw new BadInputError(`${file}: is a symbolic link to nothing`, 'remove it from the input folder');
    }
    if (!isInside(target, realpathSync(folder))) {
      throw new BadInputError(`${file}: is a symbolic link that leads outside the input folder ${folder}`, 'copy the file into the folder in place of the link');
    }
  }
  assertRegularFile(file, statSync(file));
}

function detectKind(path: string): InputKind {
  const head = Buffer.alloc(4);
  // Non-blocking, and checked again on the open file: a FIFO put in place after the check above
  // must not make the open wait for a writer.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  let read: number;
  try {
    assertRegularFile(path, fstatSync(fd));
    read = readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  if (read === 0) throw new BadInputError(`${path}: file is empty`);
  if (read >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'csv-gzip';
  if (read === 4 && head.toString('latin1') === 'PK\x03\x04') return 'xlsx';
  if (/\.xlsx$/i.test(basename(path))) throw new BadInputError(`${path}: named .xlsx but is not an Excel workbook (no zip signature)`, 'save it as .xlsx from Excel, or rename it to what it is (.csv)');
  return 'csv';
}
