import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/**
 * Real TLS peers for the tests: `openssl s_server` / `s_client` from the
 * system, and certificates made into a temporary folder (a test CA, and
 * certificates that are good, expired, for another name, self-signed, or
 * issued by a CA the client is not given).
 */

const DAY = 24 * 3600 * 1000;

export interface TestPki {
  dir: string;
  /** The test CA's certificate: the CA file a client trusts. */
  caFile: string;
  /** localhost / 127.0.0.1 / ::1, issued by the test CA. */
  goodCert: string;
  goodKey: string;
  /** Same names, issued by the test CA, validity over yesterday. */
  expiredCert: string;
  expiredKey: string;
  /** Issued by the test CA for other.example only. */
  otherNameCert: string;
  otherNameKey: string;
  /** Signed by itself. */
  selfCert: string;
  selfKey: string;
  /** A client certificate issued by the test CA. */
  clientCert: string;
  clientKey: string;
  cleanup(): void;
}

const SANS = [
  { type: 2 as const, value: 'localhost' },
  { type: 7 as const, ip: '127.0.0.1' },
  { type: 7 as const, ip: '::1' },
];

function leafExtensions(altNames: { type: 2 | 7; value?: string; ip?: string }[], client = false) {
  return [
    { name: 'basicConstraints' as const, cA: false },
    { name: 'keyUsage' as const, digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage' as const, serverAuth: !client, clientAuth: client },
    { name: 'subjectAltName' as const, altNames },
  ];
}

export async function makePki(): Promise<TestPki> {
  const dir = mkdtempSync(join(tmpdir(), 'wb-tls-'));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const ec = { keyType: 'ec' as const, algorithm: 'sha256' as const };
  const ca = await generate([{ name: 'commonName', value: 'Workbench Test CA' }], {
    ...ec,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const signer = { ca: { key: ca.private, cert: ca.cert } };
  const good = await generate([{ name: 'commonName', value: 'localhost' }], {
    ...ec,
    ...signer,
    extensions: leafExtensions(SANS),
  });
  const expired = await generate([{ name: 'commonName', value: 'localhost' }], {
    ...ec,
    ...signer,
    notBeforeDate: new Date(Date.now() - 10 * DAY),
    notAfterDate: new Date(Date.now() - DAY),
    extensions: leafExtensions(SANS),
  });
  const other = await generate([{ name: 'commonName', value: 'other.example' }], {
    ...ec,
    ...signer,
    extensions: leafExtensions([{ type: 2, value: 'other.example' }]),
  });
  const self = await generate([{ name: 'commonName', value: 'localhost' }], {
    ...ec,
    extensions: leafExtensions(SANS),
  });
  const client = await generate([{ name: 'commonName', value: 'workbench client' }], {
    ...ec,
    ...signer,
    extensions: leafExtensions([{ type: 2, value: 'client.example' }], true),
  });
  return {
    dir,
    caFile: file('ca.pem', ca.cert),
    goodCert: file('good.pem', good.cert),
    goodKey: file('good-key.pem', good.private),
    expiredCert: file('expired.pem', expired.cert),
    expiredKey: file('expired-key.pem', expired.private),
    otherNameCert: file('other.pem', other.cert),
    otherNameKey: file('other-key.pem', other.private),
    selfCert: file('self.pem', self.cert),
    selfKey: file('self-key.pem', self.private),
    clientCert: file('client.pem', client.cert),
    clientKey: file('client-key.pem', client.private),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const running = new Set<OpensslPeer>();
const WAIT_MS = 15_000;

/** An `openssl` process whose output we can wait for and whose stdin we can write. */
export class OpensslPeer {
  private out = Buffer.alloc(0);
  private err = '';
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiters = new Set<() => void>();
  readonly exited: Promise<number | null>;

  constructor(args: string[]) {
    this.child = spawn('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.out = Buffer.concat([this.out, chunk]);
      for (const w of [...this.waiters]) w();
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.err += chunk.toString('latin1');
      for (const w of [...this.waiters]) w();
    });
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code) => {
        for (const w of [...this.waiters]) w();
        resolve(code);
      }),
    );
    running.add(this);
  }

  /** Everything printed so far: stdout bytes as they are (the peer's decrypted data among them). */
  get stdout(): Buffer {
    return this.out;
  }

  get stderr(): string {
    return this.err;
  }

  write(bytes: Uint8Array): void {
    this.child.stdin.write(bytes);
  }

  /** Wait until check() finds something in what was printed (stdout as latin1, then stderr). */
  waitFor<T>(check: (text: string) => T | undefined, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = (): void => {
        const found = check(`${this.out.toString('latin1')}\n${this.err}`);
        if (found !== undefined) {
          done();
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            `openssl: no ${what} within ${WAIT_MS} ms\nstdout: ${this.out.toString('latin1')}\nstderr: ${this.err}`,
          ),
        );
      }, WAIT_MS);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(attempt);
      };
      this.waiters.add(attempt);
      attempt();
    });
  }

  /** Until stdout holds these bytes. */
  waitForBytes(bytes: Uint8Array, what: string): Promise<true> {
    return this.waitFor(() => (this.out.includes(Buffer.from(bytes)) ? true : undefined), what);
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

/** `openssl s_server` on 127.0.0.1, a port the OS picks (read back from its ACCEPT line). */
export async function sServer(args: string[]): Promise<{ peer: OpensslPeer; port: number }> {
  const peer = new OpensslPeer(['s_server', '-accept', '127.0.0.1:0', '-naccept', '1', ...args]);
  const port = await peer.waitFor((text) => {
    const m = /ACCEPT 127\.0\.0\.1:(\d+)/.exec(text);
    return m ? Number(m[1]) : undefined;
  }, 'ACCEPT line');
  return { peer, port };
}

export async function killOpensslPeers(): Promise<void> {
  const all = [...running];
  running.clear();
  for (const p of all) p.kill();
  await Promise.all(all.map((p) => p.exited));
}
