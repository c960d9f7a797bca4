import type { InputFile } from './input-files.js';

/** An input file with the hash of its bytes. */
export interface HashedFile extends InputFile {
  sha256: string;
  bytes: number;
}

/** A source the warehouse already holds lines of (carried over from the last published warehouse). */
export interface HeldSource {
  inputFile: string;
  sha256: string;
  loadedByRefresh: string;
}

export type FileStatus = 'loaded' | 'replaced' | 'skipped_already_loaded' | 'skipped_same_content';

export interface FileDecision {
  file: HashedFile;
  status: FileStatus;
  /** For a skipped file: the file whose lines hold its content, and the refresh that read them. */
  loadedInputFile: string | null;
  loadedByRefresh: string | null;
}

export interface LoadPlan {
  /** One decision per input file, in path order. */
  decisions: FileDecision[];
  /** Input files whose held lines must go before loading: the same path now has other content. */
  replaced: string[];
}

/**
 * Decides which input files to read. A file whose content (hash) the warehouse already holds, under
 * any name, is skipped; so is a second file of this refresh with the same content as another (the
 * first path in sorted order is read). A path held with different content is read again and its
 * old lines go, because a full rebuild would read the file as it is now. Pure: no I/O.
 */
export function planLoad(files: readonly HashedFile[], held: readonly HeldSource[], refreshId: string): LoadPlan {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const heldByPath = new Map(held.map((s) => [s.inputFile, s]));
  const replaced = sorted.filter((f) => heldByPath.has(f.path) && heldByPath.get(f.path)?.sha256 !== f.sha256).map((f) => f.path);
  const gone = new Set(replaced);
  const byContent = new Map<string, { inputFile: string; loadedByRefresh: string; now: boolean }>();
  for (const s of held) {
    if (!gone.has(s.inputFile) && !byContent.has(s.sha256)) byContent.set(s.sha256, { inputFile: s.inputFile, loadedByRefresh: s.loadedByRefresh, now: false });
  }
  const decisions = sorted.map((file): FileDecision => {
    const known = byContent.get(file.sha256);
    if (known) {
      return {
        file,
        status: known.now ? 'skipped_same_content' : 'skipped_already_loaded',
        loadedInputFile: known.inputFile,
        loadedByRefresh: known.loadedByRefresh,
      };
    }
    byContent.set(file.sha256, { inputFile: file.path, loadedByRefresh: refreshId, now: true });
    return { file, status: gone.has(file.path) ? 'replaced' : 'loaded', loadedInputFile: null, loadedByRefresh: null };
  });
  return { decisions, replaced };
}
