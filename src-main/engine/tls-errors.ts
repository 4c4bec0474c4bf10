import type { TlsCertificate, TlsVersion } from '../../src-shared/contract';
import { EngineError } from '../errors/engine-error';

/**
 * OpenSSL's and Node's names for what went wrong in a handshake, turned into
 * the few codes src-shared/errors.ts explains in both languages. Anything
 * else keeps OpenSSL's own reason under TLS_HANDSHAKE_FAILED: never hidden.
 */

/** A failed certificate check (Node's authorizationError), with the certificate it was about. */
export function verifyError(
  reason: string,
  leaf: TlsCertificate | undefined,
  chain: TlsCertificate[],
  host: string,
): EngineError {
  const subject = leaf?.subject ?? '?';
  switch (reason) {
    case 'CERT_HAS_EXPIRED':
      return new EngineError('TLS_CERT_EXPIRED', 'The certificate has expired.', {
        subject,
        validTo: leaf?.validTo ?? '?',
        reason,
      });
    case 'CERT_NOT_YET_VALID':
      return new EngineError('TLS_CERT_NOT_YET_VALID', 'The certificate is not valid yet.', {
        subject,
        validFrom: leaf?.validFrom ?? '?',
        reason,
      });
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return new EngineError('TLS_SELF_SIGNED', 'The certificate is self-signed.', { subject, reason });
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      // The last certificate sent names the authority nobody here trusts.
      return new EngineError('TLS_UNKNOWN_CA', 'The certificate authority is not trusted.', {
        subject,
        issuer: chain.at(-1)?.issuer ?? leaf?.issuer ?? '?',
        reason,
      });
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return new EngineError('TLS_HOSTNAME_MISMATCH', 'The certificate is for other names.', {
        host,
        names: leaf?.subjectAltNames.join(', ') || leaf?.subject || '?',
        reason,
      });
    default:
      return new EngineError('TLS_HANDSHAKE_FAILED', 'The certificate check failed.', {
        detail: reason,
        reason,
      });
  }
}

/** OpenSSL errors that mean the other side does not speak TLS at all: its bytes are no TLS record. */
const NOT_TLS = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_HTTP_REQUEST',
  'ERR_SSL_HTTPS_PROXY_REQUEST',
  'ERR_SSL_RECORD_LENGTH_MISMATCH',
]);

const NO_COMMON_VERSION = new Set([
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_VERSION_TOO_LOW',
]);

/** The peer's alert about the certificate this side sent. */
const PEER_REJECTED_OUR_CERT = new Set([
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
  'ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED',
  'ERR_SSL_TLSV1_ALERT_DECRYPT_ERROR',
]);

export interface HandshakeContext {
  /** The handshake had not finished when the error came. */
  handshaking: boolean;
  minVersion: TlsVersion;
  maxVersion: TlsVersion;
}

/**
 * An error from a TLS socket, in our words when we have them. Plain socket
 * errors (ECONNREFUSED, a reset after the handshake…) pass through unchanged:
 * the TCP session already explains those.
 */
export function translateTlsError(err: unknown, ctx: HandshakeContext): unknown {
  if (!(err instanceof Error) || err instanceof EngineError) return err;
  const code = (err as NodeJS.ErrnoException).code ?? '';
  // OpenSSL's short reason ("wrong version number"), shown where no code of ours fits.
  const reason = (err as Error & { reason?: unknown }).reason;
  const detail = typeof reason === 'string' ? reason : err.message;
  if (NOT_TLS.has(code)) return new EngineError('TLS_NOT_TLS', err.message, { reason: code });
  if (NO_COMMON_VERSION.has(code))
    return new EngineError('TLS_VERSION', err.message, {
      min: ctx.minVersion,
      max: ctx.maxVersion,
      reason: code,
    });
  if (code === 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED')
    return new EngineError('TLS_CERT_REQUIRED', err.message, { reason: code });
  if (PEER_REJECTED_OUR_CERT.has(code))
    return new EngineError('TLS_BAD_CERT', err.message, { detail, reason: code });
  if (ctx.handshaking && (code === 'ECONNRESET' || code === 'EPIPE'))
    return new EngineError('TLS_HANDSHAKE_CLOSED', err.message, { reason: code });
  if (code.startsWith('ERR_SSL_'))
    return new EngineError('TLS_HANDSHAKE_FAILED', err.message, { detail, reason: code });
  return err;
}

/** A secure context that could not be built from the user's files (bad PEM, a key that does not match). */
export function credentialsError(err: unknown): unknown {
  if (!(err instanceof Error) || err instanceof EngineError) return err;
  return new EngineError('TLS_BAD_CREDENTIALS', err.message, { detail: err.message });
}
