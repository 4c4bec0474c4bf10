/**
 * `npm start` on a machine without the Electron binary (ours: its download
 * host is out of reach) must say so in one line, serve the web shell instead
 * and print a URL that works. Runs the real scripts/start.mjs as a child
 * process group and kills the whole group afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const BUILD_OUTPUTS = [
  'out/main/index.js',
  'out/main/web.js',
  'out/preload/index.js',
  'out/renderer/index.html',
];
const NOT_INSTALLED =
  'Electron is not installed on this machine (its download failed); serving the web shell instead.';
const BUILDING = /^Building Socket Workbench \(electron-vite build\)\.\.\.$/;
const URL_LINE = /^Socket Workbench web shell: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/;
/** Room for a rebuild (when sources are newer than out/) and the bounded download attempt. */
const START_TIMEOUT_MS = 150_000;

function electronInstalled(): boolean {
  const pathFile = join(ROOT, 'node_modules/electron/path.txt');
  return (
    existsSync(pathFile) &&
    existsSync(join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8')))
  );
}

interface Launched {
  child: ChildProcess;
  stdout: () => string[];
  stderr: () => string;
  exit: Promise<number | null>;
}

const running: Launched[] = [];

/**
 * A stand-in browser: records the arguments it was started with, one per line, and exits.
 * Its name says Chromium, so the shell starts it in app mode. Every launch gets it, so no test
 * ever opens a real window on a machine that has a display.
 */
const fakeDir = mkdtempSync(join(tmpdir(), 'wb-browser-'));
const FAKE_BROWSER = join(fakeDir, 'fake-chromium');
const BROWSER_LOG = join(fakeDir, 'opened.txt');
writeFileSync(
  FAKE_BROWSER,
  `#!${process.execPath}\nrequire('node:fs').appendFileSync(${JSON.stringify(BROWSER_LOG)}, process.argv.slice(2).join('\\n') + '\\n---\\n');\n`,
);
chmodSync(FAKE_BROWSER, 0o755);
const opened = (): string[][] =>
  existsSync(BROWSER_LOG)
    ? readFileSync(BROWSER_LOG, 'utf8')
        .split('---\n')
        .filter((run) => run.trim() !== '')
        .map((run) => run.trim().split('\n'))
    : [];

/** Start scripts/start.mjs as the leader of its own process group, so the group can be killed as one. */
function launch(args: string[], extraEnv: Record<string, string> = {}): Launched {
  const env: NodeJS.ProcessEnv = { ...process.env, WORKBENCH_BROWSER: FAKE_BROWSER, ...extraEnv };
  if (!('ELECTRON_SKIP_BINARY_DOWNLOAD' in extraEnv)) delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(process.execPath, ['scripts/start.mjs', ...args], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const launched: Launched = {
    child,
    stdout: () => out.split('\n').filter((line) => line !== ''),
    stderr: () => err,
    exit,
  };
  running.push(launched);
  return launched;
}

async function waitForLine(launched: Launched, pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = launched.stdout().find((l) => pattern.test(l));
    if (line) return line;
    if (launched.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(
        `no line matching ${pattern} (exit ${launched.child.exitCode})\nstdout:\n${launched.stdout().join('\n')}\nstderr:\n${launched.stderr()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The command line of the process `pid` spawned (Linux /proc). */
function childCommandLine(pid: number): string[] {
  const [child] = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
  return readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').filter(Boolean);
}

async function exitWithin(launched: Launched, timeoutMs: number): Promise<number | null | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>(
    (resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)),
  );
  const result = await Promise.race([launched.exit, timeout]);
  clearTimeout(timer);
  return result;
}

function killGroup(launched: Launched, signal: NodeJS.Signals): void {
  try {
    if (launched.child.pid) process.kill(-launched.child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** SIGTERM to the whole group, SIGKILL if it lingers: nothing outlives a test. */
async function stop(launched: Launched): Promise<number | null | 'timeout'> {
  killGroup(launched, 'SIGTERM');
  const code = await exitWithin(launched, 10_000);
  if (code === 'timeout') killGroup(launched, 'SIGKILL');
  else killGroup(launched, 'SIGKILL'); // any grandchild that ignored SIGTERM
  return code;
}

beforeAll(() => {
  // The script rebuilds by itself when out/ is stale; a missing out/ is built once here.
  if (BUILD_OUTPUTS.every((file) => existsSync(join(ROOT, file)))) return;
  const result = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 150_000,
  });
  if (result.status !== 0) throw new Error(`electron-vite build failed:\n${result.stdout}${result.stderr}`);
}, 180_000);

afterEach(async () => {
  for (const launched of running.splice(0)) await stop(launched);
}, 30_000);

describe('scripts/start.mjs', () => {
  it(
    'opens the page in an app window of its own, with the token, and says so; --no-open does not',
    async () => {
      writeFileSync(BROWSER_LOG, '');
      const launched = launch(['--web', '--port', '0']);
      const url = URL_LINE.exec(await waitForLine(launched, URL_LINE, START_TIMEOUT_MS))?.[1] ?? '';
      await waitForLine(launched, /^Opening it in .*fake-chromium \(app window\)/, 10_000);
      await expect.poll(() => opened().length, { timeout: 10_000 }).toBe(1);
      const [args = []] = opened();
      expect(args).toContain(`--app=${url}`);
      expect(args.some((a) => a.startsWith('--user-data-dir='))).toBe(true);
      await stop(launched);

      writeFileSync(BROWSER_LOG, '');
      const quiet = launch(['--web', '--port', '0', '--no-open']);
      await waitForLine(quiet, URL_LINE, START_TIMEOUT_MS);
      expect(quiet.stdout().some((l) => l.startsWith('Opening'))).toBe(false);
      await stop(quiet);
      expect(opened()).toEqual([]);
    },
    START_TIMEOUT_MS + 30_000,
  );

  it.skipIf(electronInstalled())(
    'without the Electron binary, says so in one line and serves the web shell',
    async () => {
      const started = Date.now();
      const launched = launch([]);
      const urlLine = await waitForLine(launched, URL_LINE, START_TIMEOUT_MS);
      const url = URL_LINE.exec(urlLine)?.[1] ?? '';

      const lines = launched.stdout();
      const before = lines.slice(0, lines.indexOf(urlLine));
      expect(before.filter((l) => l === NOT_INSTALLED)).toHaveLength(1);
      expect(before.at(-1)).toBe(NOT_INSTALLED);
      // Nothing else but, perhaps, the one line saying it is building.
      expect(before.filter((l) => l !== NOT_INSTALLED && !BUILDING.test(l))).toEqual([]);
      expect(launched.stderr()).not.toMatch(/\n\s+at /); // no stack trace from the failed download
      expect(Date.now() - started).toBeLessThan(START_TIMEOUT_MS);

      const page = await fetch(url, { signal: AbortSignal.timeout(5000) });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toContain('<div id="root">');
      const withoutToken = await fetch(new URL('/', url), { signal: AbortSignal.timeout(5000) });
      expect(withoutToken.status).toBe(403);

      // Ctrl-C / SIGTERM reaches the web shell, which exits cleanly; the script passes its code on.
      expect(await stop(launched)).toBe(0);
    },
    START_TIMEOUT_MS + 30_000,
  );

  it(
    'says why when ELECTRON_SKIP_BINARY_DOWNLOAD=1 skips the download',
    async () => {
      if (electronInstalled()) return;
      const launched = launch([], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
      await waitForLine(launched, URL_LINE, START_TIMEOUT_MS);
      expect(launched.stdout()).toContain(
        'Electron is not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD=1); serving the web shell instead.',
      );
    },
    START_TIMEOUT_MS,
  );

  it(
    'goes straight to the web shell with --web and passes the other arguments through',
    async () => {
      const launched = launch(['--web', '--token', 'passed-through-token', '--port', '0']);
      const urlLine = await waitForLine(launched, URL_LINE, START_TIMEOUT_MS);
      expect(urlLine).toMatch(/\/\?token=passed-through-token$/);
      expect(launched.stdout().some((l) => l.includes('not installed'))).toBe(false);
      const url = URL_LINE.exec(urlLine)?.[1] ?? '';
      expect((await fetch(url, { signal: AbortSignal.timeout(5000) })).status).toBe(200);
      // The V8 flag of scripts/engine-flags.mjs that keeps a flood from causing a GC storm.
      if (process.platform === 'linux' && launched.child.pid) {
        const argv = childCommandLine(launched.child.pid);
        expect(
          argv.slice(
            1,
            argv.findIndex((a) => a.endsWith('web.js')),
          ),
        ).toContain('--initial-old-space-size=64');
      }
    },
    START_TIMEOUT_MS,
  );

  it(
    "passes the web shell's exit code through",
    async () => {
      const launched = launch(['--web', '--port', '99999']);
      expect(await exitWithin(launched, START_TIMEOUT_MS)).toBe(2);
      expect(launched.stderr()).toContain('--port must be a whole number from 0 to 65535');
    },
    START_TIMEOUT_MS,
  );

  it('npm start -- --help and npm run web -- --help list every flag and exit 0, without building', () => {
    const web = spawnSync(process.execPath, ['out/main/web.js', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(web.status).toBe(0);
    expect(web.stderr).toBe('');
    const webFlags = [...new Set(web.stdout.match(/--[a-z][a-z-]+/g))];
    expect(webFlags).toEqual(expect.arrayContaining(['--port', '--host', '--data-dir', '--token', '--help']));

    for (const args of [['--help'], ['--web', '--help'], ['-h']]) {
      const start = spawnSync(process.execPath, ['scripts/start.mjs', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 10_000,
      });
      expect(start.status, args.join(' ')).toBe(0);
      expect(start.stdout).not.toMatch(/Building|Unknown option/);
      // Every flag the web shell takes, and the launcher's own.
      for (const flag of [...webFlags, '--web']) expect(start.stdout, flag).toContain(flag);
    }
  });

  it(
    'without --port, serves on 47800, or says it moved when 47800 is taken',
    async () => {
      // Hold 47800 ourselves (when something else holds it, it is taken all the same).
      const holder: Server = createServer();
      await new Promise<void>((done) => {
        holder.once('error', () => done());
        holder.listen(47800, '127.0.0.1', () => done());
      });
      try {
        const dataDir = mkdtempSync(join(tmpdir(), 'sw-start-port-'));
        const launched = launch(['--web', '--data-dir', dataDir]);
        const urlLine = await waitForLine(launched, URL_LINE, START_TIMEOUT_MS);
        const port = Number(new URL(URL_LINE.exec(urlLine)?.[1] ?? '').port);
        expect(port).not.toBe(47800);
        const lines = launched.stdout();
        const note = lines.find((l) => l.includes('47800 is in use'));
        expect(note).toBe(
          `Socket Workbench: port 47800 is in use (another workbench?); serving on ${port} instead. A page open on another port will not find this one.`,
        );
        expect(lines.indexOf(note ?? '')).toBe(lines.indexOf(urlLine) - 1);
      } finally {
        await new Promise((done) => holder.close(done));
      }
    },
    START_TIMEOUT_MS,
  );
});
