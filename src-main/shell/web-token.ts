import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const TOKEN_FILE_NAME = 'web-token';

/** 18 random bytes, as base64url: 24 characters. A kept token shorter than 16 or with other characters is not ours. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,200}$/;

export interface KeptToken {
  token: string;
  /** Set when the token could not be kept: the page will need the new URL after a restart. */
  warning?: string;
}

export const newToken = (): string => randomBytes(18).toString('base64url');

/**
 * The web shell's access token, the same for every run on one data directory,
 * so a page left open reconnects after the shell restarts. It lives in
 * `<dataDir>/web-token`, readable by this user only (0600), as the settings
 * file next to it does: whoever can read it could already read and change
 * everything the workbench keeps. A file others may read is not trusted (it is
 * replaced by a new token); deleting the file gives the next run a new token.
 */
export async function keptToken(dataDir: string): Promise<KeptToken> {
  const file = join(dataDir, TOKEN_FILE_NAME);
  const existing = await readKept(file);
  if (existing) return { token: existing };
  const token = newToken();
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    // An unusable old file goes first (no copy of it is kept); 'wx' never writes through someone's link.
    await rm(file, { force: true });
    await writeFile(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
    return { token };
  } catch (err) {
    // Another shell on the same directory wrote its token first: use that one.
    const theirs = (err as { code?: string }).code === 'EEXIST' ? await readKept(file) : undefined;
    if (theirs) return { token: theirs };
    const reason = err instanceof Error ? err.message : String(err);
    return {
      token,
      warning: `could not keep the access token in ${file} (${reason}); after a restart, open the new URL.`,
    };
  }
}

async function readKept(file: string): Promise<string | undefined> {
  try {
    const info = await stat(file);
    // Group or others may read it: someone else may know it, so it is not used.
    if (!info.isFile() || (process.platform !== 'win32' && (info.mode & 0o077) !== 0)) return undefined;
    const token = (await readFile(file, 'utf8')).trim();
    return TOKEN_SHAPE.test(token) ? token : undefined;
  } catch {
    return undefined;
  }
}
