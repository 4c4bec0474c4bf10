import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** A running web shell (`node out/main/web.js`): the real engine, served to the browser under test. */
export interface WebShell {
  url: string;
  /** The same URL without its token, to prove it is refused. */
  origin: string;
  /** Where this shell keeps saved messages and settings. */
  dataDir: string;
  stop(): Promise<void>;
}

// Node starting on a busy machine; a hang, not a slow start, is what this catches.
const START_TIMEOUT_MS = 30_000;

export interface WebShellOptions {
  /**
   * Run as an unprivileged user (nobody, via setpriv) when we are root, so the
   * OS refuses ports below 1024 as it would for a normal user.
   */
  unprivileged?: boolean;
  /**
   * The data directory (`--data-dir`). Default: a fresh temporary directory,
   * so a test never reads or writes the user's real settings. Pass the same
   * one to a second shell to test what survives a restart.
   */
  dataDir?: string;
  /** `--port`; default 0 (any free port). Pass a stopped shell's port to restart "the same" shell. */
  port?: number;
}

export async function startWebShell(options: WebShellOptions = {}): Promise<WebShell> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sw-e2e-data-'));
  // A shell running as nobody must still be able to write its settings there.
  if (options.unprivileged && !options.dataDir) chmodSync(dataDir, 0o777);
  const node = [
    process.execPath,
    resolve('out/main/web.js'),
    '--port',
    String(options.port ?? 0),
    '--data-dir',
    dataDir,
  ];
  const asNobody = options.unprivileged && process.getuid?.() === 0;
  const [command = process.execPath, ...args] = asNobody
    ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...node]
    : node;
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`web shell did not start:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /(http:\/\/\S+\?token=\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        done(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`web shell exited (${code}) before it was ready:\n${output}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
