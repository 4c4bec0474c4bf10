import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import type { SelfSignedSource, TlsCredentials } from '../engine/needs';
import { writeFileAtomic } from './atomic-file';

export const SELF_SIGNED_CERT = 'tls-self-signed-cert.pem';
export const SELF_SIGNED_KEY = 'tls-self-signed-key.pem';
/** Made again this long before it expires, so a server never starts with a certificate about to lapse. */
const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000;
const VALID_DAYS = 825;

/**
 * The TLS server's certificate when the user gives none: CN=localhost with
 * SANs localhost, 127.0.0.1 and ::1, made by `selfsigned` (a well-kept
 * generator on Node's own crypto) once, then kept in the data directory next
 * to the settings file and reused, so its fingerprint stays the same and a
 * client can pin it. Without a directory (tests of other parts) it lives in
 * memory for the life of the process.
 */
export class SelfSignedStore implements SelfSignedSource {
  private pending: Promise<TlsCredentials> | undefined;

  constructor(private readonly directory?: string) {}

  credentials(): Promise<TlsCredentials> {
    // One generation even when two servers start at once; a failure is not remembered.
    this.pending ??= this.load().catch((err: unknown) => {
      this.pending = undefined;
      throw err;
    });
    return this.pending;
  }

  private async load(): Promise<TlsCredentials> {
    if (!this.directory) return makeCertificate();
    const certFile = join(this.directory, SELF_SIGNED_CERT);
    const keyFile = join(this.directory, SELF_SIGNED_KEY);
    const kept = await readKept(certFile, keyFile);
    if (kept) return kept;
    const made = await makeCertificate();
    try {
      // writeFileAtomic creates files readable by this user only (0600): the key is a secret.
      await writeFileAtomic(keyFile, made.key);
      await writeFileAtomic(certFile, made.cert);
    } catch {
      // A data directory we cannot write (read-only, not a folder): the server still runs with this
      // certificate, only it is not kept; SessionInfo.tls then names no certificate file.
      return made;
    }
    return { ...made, certFile, keyFile };
  }
}

/** The kept pair, if both files are there, parse, and the certificate is not about to expire. */
async function readKept(certFile: string, keyFile: string): Promise<TlsCredentials | undefined> {
  try {
    const [cert, key] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
    const x509 = new X509Certificate(cert);
    if (new Date(x509.validTo).getTime() - Date.now() < RENEW_BEFORE_MS) return undefined;
    return { cert, key, certFile, keyFile };
  } catch {
    // Missing or damaged: make a new one.
    return undefined;
  }
}

async function makeCertificate(): Promise<TlsCredentials> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + VALID_DAYS * 24 * 3600 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
