import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';

/**
 * Files that survive a crash at any instant. Pure Node (no Electron): the
 * Electron app, the web shell and the unit tests use it alike.
 *
 * A write goes to a temporary file in the same directory (same file system,
 * so rename is atomic), is fsync'ed, then renamed over the target; the
 * directory is fsync'ed so the rename itself is durable. Before that, the
 * current file is hard-linked to `<file>.bak` (via a temporary name and a
 * rename, so the backup too is never half-written). At every instant the
 * target is either the old content or the new, complete; a crash leaves at
 * worst a stray `.tmp`, which is ignored and cleaned up.
 */

export const backupPath = (path: string): string => `${path}.bak`;

async function fsyncDir(dir: string): Promise<void> {
  // Directories cannot be opened for fsync on Windows; there rename is already durable enough.
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const tempName = (path: string): string =>
  join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await fs.mkdir(dir, { recursive: true });
  const temp = tempName(path);
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await fs.rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await keepBackup(path);
    await fs.rename(temp, path);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
  await fsyncDir(dir);
}

/** The current file becomes `.bak`, atomically; the current file itself stays in place. */
async function keepBackup(path: string): Promise<void> {
  const temp = tempName(`${path}.bak`);
  try {
    await fs.link(path, temp);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return; // first write: nothing to keep
    // File systems without hard links (some network and FAT mounts): copy instead.
    await fs.copyFile(path, temp);
  }
  await fs.rename(temp, backupPath(path));
}

export type ReadOutcome<T> =
  { source: 'file' | 'backup'; value: T; movedAside?: string } | { source: 'none'; movedAside?: string };

/** Parse and validate; undefined when the content is not what the schema says. */
function parse<T>(text: string, schema: z.ZodType<T>): T | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const checked = schema.safeParse(json);
  return checked.success ? checked.data : undefined;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Read a JSON file written by writeFileAtomic. A file that does not parse or
 * validate never crashes the caller: it is moved aside (`<file>.corrupt-<time>`,
 * kept for a human to look at) and the backup is read instead. Stray
 * temporary files from an interrupted write are removed.
 */
export async function readJsonFile<T>(path: string, schema: z.ZodType<T>): Promise<ReadOutcome<T>> {
  await removeStrayTemps(path);
  let movedAside: string | undefined;
  const text = await readText(path);
  if (text !== undefined) {
    const value = parse(text, schema);
    if (value !== undefined) return { source: 'file', value };
    movedAside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await fs.rename(path, movedAside);
  }
  const backup = await readText(backupPath(path));
  const value = backup === undefined ? undefined : parse(backup, schema);
  const outcome: ReadOutcome<T> = value !== undefined ? { source: 'backup', value } : { source: 'none' };
  if (movedAside) outcome.movedAside = movedAside;
  return outcome;
}

async function removeStrayTemps(path: string): Promise<void> {
  const dir = dirname(path);
  const prefixes = [`.${basename(path)}.`, `.${basename(path)}.bak.`];
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((n) => n.endsWith('.tmp') && prefixes.some((p) => n.startsWith(p)))
      // Another process (a second window) may be writing right now: only clear our own or old ones.
      .map(async (n) => {
        const full = join(dir, n);
        const stat = await fs.stat(full).catch(() => undefined);
        if (stat && Date.now() - stat.mtimeMs > 60_000) await fs.rm(full, { force: true });
        else if (n.includes(`.${process.pid}.`)) await fs.rm(full, { force: true });
      }),
  );
}
