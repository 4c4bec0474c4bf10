import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import type { TlsCertificate, TlsVersion } from '../../src-shared/contract';
import { EngineError } from '../errors/engine-error';

export type { SelfSignedSource, TlsCredentials } from './needs';

/**
 * A PEM file the user named: its text, or TLS_FILE_UNREADABLE naming the file
 * and why. Read synchronously when the session opens (a few KiB), so a bad
 * file refuses the command and no session appears.
 */
export function readPem(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const detail = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new EngineError('TLS_FILE_UNREADABLE', 'A TLS file could not be read.', { path, detail });
  }
}

/** `CN=localhost, O=Example` from Node's multi-line `CN=localhost\nO=Example`. */
const oneLine = (name: string): string => name.split('\n').filter(Boolean).join(', ');

/** The summary a person debugging a handshake looks at: who, by whom, when, for which names, which one. */
export function describeCertificate(x509: X509Certificate): TlsCertificate {
  return {
    subject: oneLine(x509.subject),
    issuer: oneLine(x509.issuer),
    validFrom: new Date(x509.validFrom).toISOString(),
    validTo: new Date(x509.validTo).toISOString(),
    subjectAltNames: x509.subjectAltName ? x509.subjectAltName.split(', ') : [],
    fingerprint256: x509.fingerprint256,
    selfSigned: x509.subject === x509.issuer,
  };
}

/** The first certificate of a PEM text (a chain file starts with its leaf). */
export function describePem(pem: string): TlsCertificate | undefined {
  try {
    return describeCertificate(new X509Certificate(pem));
  } catch {
    return undefined;
  }
}

/** Node's DetailedPeerCertificate: the fields we read, and the link to the issuer. */
interface PeerCert {
  raw?: Buffer;
  issuerCertificate?: PeerCert;
}

/**
 * The peer's chain, leaf first, as the handshake delivered it: getPeerCertificate(true)
 * links each certificate to its issuer (a root links to itself, hence the guard).
 */
export function describeChain(leaf: PeerCert | undefined): TlsCertificate[] {
  const out: TlsCertificate[] = [];
  const seen = new Set<PeerCert>();
  for (let cert = leaf; cert?.raw && !seen.has(cert) && out.length < 16; cert = cert.issuerCertificate) {
    seen.add(cert);
    out.push(describeCertificate(new X509Certificate(cert.raw)));
  }
  return out;
}

/** What Node negotiated, for SessionInfo.tls and the handshake step. */
export function negotiated(socket: tls.TLSSocket): { version?: string; cipher?: string; alpn?: string } {
  const out: { version?: string; cipher?: string; alpn?: string } = {};
  const version = socket.getProtocol();
  if (version) out.version = version;
  // OpenSSL's name, as `openssl s_client` prints it (the same as the standard name for TLS 1.3).
  const cipher = socket.getCipher()?.name;
  if (cipher) out.cipher = cipher;
  if (typeof socket.alpnProtocol === 'string') out.alpn = socket.alpnProtocol;
  return out;
}

/** The version range a context allows: what was asked for, else Node's defaults. */
export function versionRange(opts: { minVersion?: string; maxVersion?: string }): {
  minVersion: TlsVersion;
  maxVersion: TlsVersion;
} {
  return {
    minVersion: (opts.minVersion ?? tls.DEFAULT_MIN_VERSION) as TlsVersion,
    maxVersion: (opts.maxVersion ?? tls.DEFAULT_MAX_VERSION) as TlsVersion,
  };
}

/** Shown in a lifecycle step for "nothing": a dash reads the same in both languages. */
export const NONE = '—';
