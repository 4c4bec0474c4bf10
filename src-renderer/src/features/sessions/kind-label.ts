import type { SessionInfo } from '../../../../src-shared/contract';

/** The locale key of a session's kind: a TCP session with a TLS layer is called a TLS client, server or accepted client. */
export function kindKey(info: SessionInfo): string {
  return info.tls && info.kind !== 'udp' ? `kindTls.${info.kind}` : `kind.${info.kind}`;
}
