import { execFileSync, spawn, type ChildProcessByStdio } from 'node:child_process';
import net from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { resolve, sep } from 'node:path';

/** The real peers: small Python programs written like the course's, shared with the e2e specs. */
// Both runners (vitest, Playwright) run from the repository root; Playwright's CJS transform has no import.meta.
export const PEERS_DIR = resolve('e2e/peers') + sep;

export type PeerScript =
  | 'udp_send.py'
  | 'udp_recv.py'
  | 'tcp_server.py'
  | 'tcp_client.py'
  | 'udp_multicast_send.py'
  | 'tcp_trickle.py'
  | 'tcp_lines_server.py'
  | 'udp_count.py'
  | 'tcp_sink.py'
  | 'tcp_blast.py'
  | 'tls_client.py';

/** One event line split on spaces: `RECV 127.0.0.1 5000 6869` → ['RECV', '127.0.0.1', '5000', '6869']. */
export type PeerLine = string[];

/** As long as the e2e suite's expect timeout: a line a busy machine prints late is no failure. */
const DEFAULT_WAIT_MS = 30_000;

let interpreter: string | undefined;

/**
 * The interpreter behind `python3` (or $PYTHON), resolved once: a version manager's shim
 * (pyenv, asdf) costs half a second per start, which adds up over a suite of short-lived peers.
 */
function python(): string {
  interpreter ??=
    execFileSync(process.env.PYTHON ?? 'python3', ['-c', 'import sys; print(sys.executable)'], {
      encoding: 'utf8',
    }).trim() || 'python3';
  return interpreter;
}

const running = new Set<Peer>();

/** A running Python peer whose stdout lines (one per socket event) we can wait for. */
export class Peer {
  /** Every stdout line so far, in order. */
  readonly lines: string[] = [];
  private stderr = '';
  private partial = '';
  private exitCode: number | null | undefined;
  private readonly waiters = new Set<() => void>();
  private readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
  private readonly exited: Promise<void>;

  constructor(
    readonly script: PeerScript,
    readonly args: string[],
    /** A command to run python3 under, e.g. `ip netns exec NS` for a peer on a test host. */
    prefix: string[] = [],
  ) {
    const [command = 'python3', ...rest] = [...prefix, python()];
    this.child = spawn(command, [...rest, PEERS_DIR + script, ...args], {
      // stdin: a peer run with --step waits there for the test's word (say()) before going on.
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // A peer that already left cannot be told anything; that is not the test's failure.
    this.child.stdin.on('error', () => undefined);
    this.child.stdout.setEncoding('utf8');
    this.child.stderr.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      const parts = (this.partial + chunk).split('\n');
      this.partial = parts.pop() ?? '';
      this.lines.push(...parts.map((l) => l.replace(/\r$/, '')));
      this.wake();
    });
    this.child.stderr.on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code) => {
        if (this.partial) this.lines.push(this.partial);
        this.partial = '';
        this.exitCode = code;
        this.wake();
        resolve();
      });
    });
    running.add(this);
  }

  /** The words of every line that starts with `word`. */
  all(word: string): PeerLine[] {
    return this.lines.map((l) => l.split(' ')).filter((w) => w[0] === word);
  }

  /** Wait for the first line that starts with `word`; resolves with its words. */
  async line(word: string, timeoutMs = DEFAULT_WAIT_MS): Promise<PeerLine> {
    const [first] = await this.count(word, 1, timeoutMs);
    return first as PeerLine;
  }

  /** Wait until `n` lines start with `word`; resolves with the first `n` of them. */
  count(word: string, n: number, timeoutMs = DEFAULT_WAIT_MS): Promise<PeerLine[]> {
    return this.until(
      () => {
        const found = this.all(word);
        return found.length >= n ? found.slice(0, n) : undefined;
      },
      `${n} × ${word}`,
      timeoutMs,
    );
  }

  /**
   * Tell a peer run with --step to go on (one line on its stdin): the test says so once the
   * app shows it has what came before, so a busy machine cannot change what the peer does.
   */
  say(line = 'next'): void {
    this.child.stdin.write(`${line}\n`);
  }

  /** Wait until the process has exited on its own; resolves with its exit code. */
  async exit(timeoutMs = DEFAULT_WAIT_MS): Promise<number | null> {
    await this.until(() => (this.exitCode === undefined ? undefined : true), 'exit', timeoutMs, false);
    return this.exitCode ?? null;
  }

  /** Kill the process (if still running) and wait for it to be gone. */
  async kill(): Promise<void> {
    if (this.exitCode === undefined) this.child.kill('SIGKILL');
    await this.exited;
    running.delete(this);
  }

  private until<T>(
    check: () => T | undefined,
    what: string,
    timeoutMs: number,
    failOnExit = true,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const attempt = (): void => {
        const found = check();
        if (found !== undefined) {
          finish();
          resolve(found);
        } else if (failOnExit && this.exitCode !== undefined) {
          finish();
          reject(new Error(`${this.script} exited (${this.exitCode}) before ${what}\n${this.transcript()}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${this.script}: no ${what} within ${timeoutMs} ms\n${this.transcript()}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(attempt);
      };
      this.waiters.add(attempt);
      attempt();
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private transcript(): string {
    const args = this.args.join(' ');
    return `$ python3 ${this.script} ${args}\n${this.lines.join('\n')}${this.stderr ? `\n[stderr]\n${this.stderr}` : ''}`;
  }
}

/** Start a peer: `spawnPeer('udp_recv.py', ['--echo'])`. Killed by killAllPeers(). */
export function spawnPeer(script: PeerScript, args: string[] = [], prefix: string[] = []): Peer {
  return new Peer(script, args, prefix);
}

/** Start a peer that binds or listens, and wait for its `READY <port>` line. */
export async function startListeningPeer(
  script: 'udp_recv.py' | 'tcp_server.py' | 'tcp_blast.py',
  args: string[] = [],
): Promise<{ peer: Peer; port: number }> {
  const peer = spawnPeer(script, args);
  const [, port] = await peer.line('READY');
  return { peer, port: Number(port) };
}

/** For afterEach: no peer outlives its test. */
export async function killAllPeers(): Promise<void> {
  await Promise.all([...running].map((p) => p.kill()));
}

/** Bytes ↔ the lowercase hex the peers print and take. */
export const hex = (bytes: Uint8Array | string): string =>
  (typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes)).toString('hex');

export const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));

export const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

/** A loopback TCP port nothing listens on (and, almost surely, no UDP socket either): listen, note it, close. */
export function closedTcpPort(): Promise<number> {
  return new Promise((done) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => done(port));
    });
  });
}
