/**
 * The web shell's command line (src-main/shell/web-cli.ts) and its kept
 * access token (web-token.ts): the default port and its fallback, --help, and
 * a token that outlives a restart but never one others could read.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  candidatePorts,
  DEFAULT_PORT_TRIES,
  DEFAULT_WEB_PORT,
  listenOnFirstFree,
  parseWebArgs,
  WEB_HELP,
} from '../../src-main/shell/web-cli';
import { keptToken, TOKEN_FILE_NAME } from '../../src-main/shell/web-token';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

function listen(port: number): Promise<{ port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      servers.push(server);
      const address = server.address();
      resolve({ port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

describe('web shell command line', () => {
  it('--help and -h ask for the help, which lists every option the parser takes', () => {
    expect(parseWebArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseWebArgs(['-h'])).toEqual({ kind: 'help' });
    for (const flag of ['--port', '--host', '--data-dir', '--token', '--help'])
      expect(WEB_HELP).toContain(flag);
  });

  it('refuses an unknown option or a bad port with a message that points at --help', () => {
    const unknown = parseWebArgs(['--bogus']);
    expect(unknown).toMatchObject({ kind: 'error' });
    expect(unknown.kind === 'error' && unknown.message).toMatch(
      /^Unknown option '--bogus'\..* See --help\.$/,
    );
    for (const port of ['99999', '-1', '1.5', 'abc', '']) {
      expect(parseWebArgs([`--port=${port}`])).toEqual({
        kind: 'error',
        message: `--port must be a whole number from 0 to 65535 (got "${port}").`,
      });
    }
  });

  it('opens a window only when asked (the launcher asks), and --no-open wins', () => {
    const open = (args: string[]): boolean | undefined => {
      const parsed = parseWebArgs(args);
      return parsed.kind === 'run' ? parsed.options.open : undefined;
    };
    expect(open([])).toBe(false);
    expect(open(['--open'])).toBe(true);
    expect(open(['--open', '--no-open'])).toBe(false);
  });

  it('without --port: the default, the next few, then any port; with --port: only that one', () => {
    const run = parseWebArgs([]);
    expect(run).toEqual({
      kind: 'run',
      options: { host: '127.0.0.1', port: undefined, token: undefined, dataDir: undefined, open: false },
    });
    const ports = candidatePorts(undefined);
    expect(ports[0]).toBe(DEFAULT_WEB_PORT);
    expect(ports).toHaveLength(DEFAULT_PORT_TRIES + 1);
    expect(ports.at(-2)).toBe(DEFAULT_WEB_PORT + DEFAULT_PORT_TRIES - 1);
    expect(ports.at(-1)).toBe(0);
    expect(candidatePorts(0)).toEqual([0]);
    expect(candidatePorts(8080)).toEqual([8080]);
  });

  it('moves past a port in use to the next free one, and to an OS-chosen one when all are taken', async () => {
    const taken = await listen(0);
    const found = await listenOnFirstFree([taken.port, 0], listen);
    expect(found.port).not.toBe(taken.port);
    expect(found.port).toBeGreaterThan(0);
  });

  it('does not move on for any failure but "in use"', async () => {
    const denied = Object.assign(new Error('denied'), { code: 'EACCES' });
    let tries = 0;
    await expect(
      listenOnFirstFree([1, 2, 0], () => {
        tries += 1;
        return Promise.reject(denied);
      }),
    ).rejects.toBe(denied);
    expect(tries).toBe(1);
  });

  it('an explicit port in use is an error, not a quiet move elsewhere', async () => {
    const taken = await listen(0);
    await expect(listenOnFirstFree(candidatePorts(taken.port), listen)).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
  });
});

describe('the kept access token', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'sw-token-')), 'data');
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('is made once, readable by this user only, and the same on the next start', async () => {
    const first = await keptToken(dir);
    expect(first.warning).toBeUndefined();
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const file = join(dir, TOKEN_FILE_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o077).toBe(0);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.token);
    expect((await keptToken(dir)).token).toBe(first.token);
  });

  it('is replaced when others could read it, or when the file does not hold a token', async () => {
    const first = await keptToken(dir);
    const file = join(dir, TOKEN_FILE_NAME);
    chmodSync(file, 0o644);
    const second = await keptToken(dir);
    expect(second.token).not.toBe(first.token);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    writeFileSync(file, 'short\n', { mode: 0o600 });
    const third = await keptToken(dir);
    expect(third.token).not.toBe('short');
    expect(third.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('still gives a token, with a warning, where it cannot be kept', async () => {
    writeFileSync(join(dir, '..', 'blocker'), '');
    const result = await keptToken(join(dir, '..', 'blocker', 'data'));
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(result.warning).toMatch(/could not keep the access token/);
  });
});
