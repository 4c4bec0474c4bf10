/**
 * What the robustness suites share: a bridge client speaking the web shell's
 * MessagePack frames, a real `node out/main/web.js` process, and port / handle
 * checks. Loopback only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import net from 'node:net';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
export { closedTcpPort } from '../helpers/peer';
export { WsBridge } from '../helpers/ws-bridge';

const STEP_MS = 5000;

export async function waitUntil(done: () => boolean, what: string, timeoutMs = STEP_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A running web shell process: the product as a user starts it. */
export interface ShellProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** SIGTERM, as `kill` or a logout sends; resolves with the exit code. */
  stop(): Promise<number | null>;
}

const running = new Set<ChildProcess>();

/** A fresh data directory; one for a shell run as another user (setpriv) is writable by it. */
function ownDataDir(forAnotherUser: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-robust-'));
  if (forAnotherUser) chmodSync(dir, 0o777);
  return dir;
}

/** Run `node out/main/web.js …args` and collect its output; `prefix` runs it under e.g. setpriv. */
export function runShell(
  args: string[],
  prefix: string[] = [],
): { child: ChildProcess; output: () => string } {
  // A data directory of its own, so no test reads or writes the user's settings or kept token.
  const dataDir = args.includes('--data-dir') ? [] : ['--data-dir', ownDataDir(prefix.length > 0)];
  const argv = [...prefix, process.execPath, resolve('out/main/web.js'), ...args, ...dataDir];
  const [command = process.execPath, ...rest] = argv;
  const child = spawn(command, rest, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let text = '';
  child.stdout?.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (text += c.toString()));
  return { child, output: () => text };
}

export async function startShell(
  args: string[] = ['--port', '0'],
  prefix: string[] = [],
): Promise<ShellProcess> {
  const { child, output } = runShell(args, prefix);
  await waitUntil(
    () => /http:\/\/\S+\?token=\S+/.test(output()) || child.exitCode !== null,
    'web shell URL',
    15_000,
  );
  const url = /(http:\/\/\S+\?token=\S+)/.exec(output())?.[1];
  if (!url) throw new Error(`web shell did not start:\n${output()}`);
  return {
    child,
    url,
    output,
    stop: () => stopChild(child),
  };
}

export function stopChild(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode);
    child.once('exit', (code) => done(code));
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 4000).unref();
  });
}

/** For afterAll: no shell process outlives the suite. */
export async function stopAllShells(): Promise<void> {
  await Promise.all([...running].map((c) => stopChild(c)));
}

/** Resolves with the exit code once a short-lived process has ended by itself. */
export function exited(child: ChildProcess, timeoutMs = 10_000): Promise<number | null> {
  return new Promise((done, fail) => {
    if (child.exitCode !== null) return done(child.exitCode);
    const timer = setTimeout(() => fail(new Error('process did not exit')), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done(code);
    });
  });
}

/** Bind (exclusively) and release a port at once: proof that nothing holds it. */
export function tcpPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((done) => {
    const server = net.createServer();
    server.once('error', () => done(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => done(true)));
  });
}

export function udpPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((done) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      done(false);
    });
    socket.bind({ port, address: host, exclusive: true }, () => socket.close(() => done(true)));
  });
}

/** Open TCP/UDP handles of this process (what a leak would raise). */
export function socketHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => /^(TCP|UDP)/.test(r)).length;
}
