import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

import { BadInputError } from '../../schemas/errors.js';

export interface ContentHash {
  /** SHA-256 of the file's bytes as stored (compressed bytes for a .gz file), lower-case hex. */
  sha256: string;
  bytes: number;
}

/**
 * Hashes a file's bytes in one streaming pass (memory stays flat for any size). The hash names the
 * file's content for incremental loads: a file whose hash the warehouse already holds is not read
 * again, whatever its name.
 */
export async function hashFileContent(path: string): Promise<ContentHash> {
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
    }
  } catch (err) {
    throw new BadInputError(`${path}: cannot be read (${(err as Error).message})`);
  }
  return { sha256: hash.digest('hex'), bytes };
}
