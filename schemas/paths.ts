import { isAbsolute, relative, sep } from 'node:path';

/**
 * True when `child` is `parent` or lies below it. Both must already be resolved (absolute, and with
 * symbolic links followed where that matters); a name that merely starts with two dots, like
 * `..notes`, is still inside.
 */
export function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
