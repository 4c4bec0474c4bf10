import { execFileSync, spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** A certificate and key made by Debian's openssl, in a fresh temporary directory. */
export interface TestCert {
  certFile: string;
  keyFile: string;
}

/** A self-signed certificate for localhost (SANs localhost and 127.0.0.1), valid from now for a day. */
export function makeSelfSignedCert(cn = 'localhost'): TestCert {
  const dir = mkdtempSync(join(tmpdir(), 'sw-e2e-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      `/CN=${cn}`,
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile };
}

/** `openssl x509 -fingerprint -sha256`: `AB:CD:…`, as a client would pin it. */
export function sha256Fingerprint(certFile: string): string {
  const out = execFileSync('openssl', ['x509', '-in', certFile, '-noout', '-fingerprint', '-sha256'], {
    encoding: 'utf8',
  });
  return out.trim().replace(/^.*Fingerprint=/i, '');
}

/** A port nothing listens on right now (openssl s_server needs one; it cannot report a port 0 pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/**
 * `openssl s_server`: it prints what the client sends (decrypted, raw) on
 * stdout among its own messages, and sends what is written to its stdin.
 */
export class OpenSslServer {
  private out = Buffer.alloc(0);
  private readonly waiters = new Set<() => void>();
  private exited = false;
  private readonly child: ChildProcessByStdio<Writable, Readable, Readable>;

  constructor(
    readonly port: number,
    cert: TestCert,
  ) {
    this.child = spawn(
      'openssl',
      [
        's_server',
        '-accept',
        `127.0.0.1:${port}`,
        '-cert',
        cert.certFile,
        '-key',
        cert.keyFile,
        '-naccept',
        '1',
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    this.child.stdin.on('error', () => undefined);
    const take = (chunk: Buffer): void => {
      this.out = Buffer.concat([this.out, chunk]);
      for (const wake of [...this.waiters]) wake();
    };
    this.child.stdout.on('data', take);
    this.child.stderr.on('data', take);
    this.child.on('close', () => {
      this.exited = true;
      for (const wake of [...this.waiters]) wake();
    });
  }

  /** Everything it printed so far (stdout and stderr). */
  get output(): Buffer {
    return this.out;
  }

  /** Wait until its output holds these bytes (a word it prints, or what a client sent). */
  until(bytes: Buffer | string, timeoutMs = 30_000): Promise<void> {
    const wanted = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.out.includes(wanted)) {
          done();
          resolve();
        } else if (this.exited) {
          done();
          reject(
            new Error(`openssl s_server exited before ${wanted.toString('hex')}:\n${this.out.toString()}`),
          );
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`openssl s_server: no ${wanted.toString('hex')}:\n${this.out.toString()}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Send bytes to the connected client. */
  write(bytes: Buffer): void {
    this.child.stdin.write(bytes);
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      const gone = new Promise((resolve) => this.child.once('close', resolve));
      this.child.kill('SIGKILL');
      await gone;
    }
  }
}

/** Start `openssl s_server` on a free loopback port and wait until it accepts. */
export async function startOpenSslServer(cert: TestCert): Promise<OpenSslServer> {
  const server = new OpenSslServer(await freePort(), cert);
  await server.until('ACCEPT');
  return server;
}
