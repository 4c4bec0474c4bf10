import { readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/** The capture's file number `index`: the first file itself, then `name.1.ext`, `name.2.ext`… */
export function rotatedName(first: string, index: number): string {
  if (index === 0) return first;
  const ext = extname(first);
  return join(dirname(first), `${basename(first, ext)}.${index}${ext}`);
}

/** Most names tried before giving up: a folder holding this many same-second captures is not a race. */
export const MAX_NAME_TRIES = 1000;

/**
 * Whether `first` or any file it would rotate into exists. A capture whose
 * first file rotation deleted still owns `name.1.ext`…; a new capture of the
 * same second must not take `name.ext` and then collide with those.
 */
function familyTaken(first: string, entries: readonly string[]): boolean {
  const ext = extname(first);
  const family = new RegExp(`^${escapeRegExp(basename(first, ext))}(\\.\\d+)?${escapeRegExp(ext)}$`);
  return entries.some((entry) => family.test(entry));
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The first file of a new capture in `directory`: `prefix.ext`, or with
 * `-2`, `-3`… appended when a capture of the same second already used that
 * name, so a quick stop and start never overwrites and never fails.
 * `skip` moves past names found taken after this look (another process won a race).
 */
export function freeCaptureName(directory: string, prefix: string, ext: string, skip = 0): string {
  let entries: string[];
  try {
    entries = readdirSync(directory);
  } catch {
    // A missing folder or a file in its place: opening the file reports that, naming the path.
    entries = [];
  }
  for (let n = 1 + skip; n <= MAX_NAME_TRIES; n += 1) {
    const name = join(directory, `${prefix}${n === 1 ? '' : `-${n}`}.${ext}`);
    if (!familyTaken(name, entries)) return name;
  }
  // Every name is taken: opening this one fails with EEXIST, which says so.
  return join(directory, `${prefix}.${ext}`);
}
