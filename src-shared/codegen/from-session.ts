import type { SessionInfo } from '../contract';
import type { EncodingId } from '../codec/encodings';
import {
  isEmpty,
  type CodeSpec,
  type Decoding,
  type Message,
  type TlsClientCode,
  type TlsServerCode,
} from './spec';

/** What the session's settings do not hold but the program needs: the UI supplies these. */
export interface CodeHints {
  /** The send box's encoding: encode() uses it. */
  encoding: EncodingId;
  /** The log view's encoding (decode() uses it) or 'hex': the program prints what the log shows. */
  decoding: Decoding;
  /** UDP destination as typed in the composer, if any. */
  destination?: { host: string; port: number };
  /** What the send box would send (a client / UDP) or answer with (a server). */
  text: Message;
}

/**
 * The program equivalent to a session as it is configured now. An accepted
 * connection (tcp-conn) is the server program that accepted it, so the
 * caller passes the parent server's info for those.
 */
export function specFromSession(info: SessionInfo, hints: CodeHints): CodeSpec {
  const { text } = hints;
  const codecs = { encoding: hints.encoding, decoding: hints.decoding };
  switch (info.kind) {
    case 'udp': {
      const spec: CodeSpec = { kind: 'udp', ...codecs };
      // An idle endpoint has not bound yet: the program leaves that to sendto(), as the session does.
      if (info.local && info.state !== 'idle')
        spec.bind = { address: info.local.address, port: info.local.port };
      if (hints.destination) spec.send = { ...hints.destination, text };
      return spec;
    }
    case 'tcp-client': {
      const spec: CodeSpec = {
        kind: 'tcp-client',
        ...codecs,
        host: info.remote?.address ?? '127.0.0.1',
        port: info.remote?.port ?? 0,
        text,
      };
      const tls = tlsClientCode(info);
      if (tls) spec.tls = tls;
      return spec;
    }
    case 'tcp-server':
    case 'tcp-conn': {
      const echo = info.autoReply?.echo === true;
      const spec: CodeSpec = {
        kind: 'tcp-server',
        ...codecs,
        address: info.local?.address ?? '0.0.0.0',
        port: info.local?.port ?? 0,
        backlog: info.backlog ?? 128,
      };
      if (echo) spec.reply = { echo: true };
      else if (!isEmpty(text)) spec.reply = text;
      const tls = tlsServerCode(info);
      if (tls) spec.tls = tls;
      return spec;
    }
  }
}

/** A TLS client's options; the SNI it really sent stands for the host name the program checks. */
function tlsClientCode(info: SessionInfo): TlsClientCode | undefined {
  const options = info.tls?.client;
  if (!options) return undefined;
  const code: TlsClientCode = { verify: options.verify !== false };
  const servername = info.tls?.servername ?? options.servername;
  if (servername) code.servername = servername;
  if (options.alpn) code.alpn = [...options.alpn];
  if (options.caFile) code.caFile = options.caFile;
  if (options.certFile && options.keyFile) {
    code.certFile = options.certFile;
    code.keyFile = options.keyFile;
  }
  if (options.minVersion) code.minVersion = options.minVersion;
  if (options.maxVersion) code.maxVersion = options.maxVersion;
  return code;
}

/** A TLS server's files (the self-signed ones are in the data directory) and options. */
function tlsServerCode(info: SessionInfo): TlsServerCode | undefined {
  const tls = info.tls;
  if (!tls?.server) return undefined;
  const options = tls.server;
  // A self-signed certificate kept only in memory has no file: the program names the usual ones.
  const code: TlsServerCode = { certFile: tls.certFile ?? 'cert.pem', keyFile: tls.keyFile ?? 'key.pem' };
  if (options.requestClientCert) code.requestClientCert = true;
  if (options.caFile) code.caFile = options.caFile;
  if (options.alpn) code.alpn = [...options.alpn];
  if (options.minVersion) code.minVersion = options.minVersion;
  if (options.maxVersion) code.maxVersion = options.maxVersion;
  return code;
}
