import type { EncodingId } from '../codec/encodings';
import type { TlsVersion } from '../contract';

/**
 * What a generated program does, taken from a session's current settings.
 * The generators turn one of these into Python 3 (the course's style) or
 * Node.js; keeping it a plain value lets tests build one without a UI.
 */
export type CodeSpec = UdpSpec | TcpClientSpec | TcpServerSpec;

/**
 * What the program sends: text, made bytes with encode() in `encoding`, or
 * bytes as they are (hex typed in the send box, or text with raw \xNN bytes).
 */
export type Message = string | Uint8Array;

interface Common {
  /** What encode() uses: the encoding the send box sends in. */
  encoding: EncodingId;
  /**
   * How received bytes are printed: decoded in the encoding the log shows them
   * in, or 'hex' when the log shows hex (any bytes print; decode() could
   * raise on them). Unset = decode() in `encoding`.
   */
  decoding?: Decoding;
  /** settimeout(seconds): a blocked call gives up instead of waiting for ever. */
  timeoutSeconds?: number;
}

interface Counted {
  /**
   * Stop after this many: datagrams received (UDP), clients served (TCP
   * server). Unset = loop for ever, as the course does.
   */
  count?: number;
}

export interface UdpSpec extends Common, Counted {
  kind: 'udp';
  /** bind((address, port)) first; unset = no bind(), the OS picks a port on the first sendto. */
  bind?: { address: string; port: number };
  /** sendto() this text once; unset = only receive. */
  send?: { host: string; port: number; text: Message };
}

export interface TcpClientSpec extends Common {
  kind: 'tcp-client';
  host: string;
  port: number;
  /**
   * send() this once connected (empty = send nothing), then one recv(1024),
   * print, close: the course's client, which ends even when the server keeps
   * the connection open.
   */
  text: Message;
  /** Speak TLS over the connection: Python's ssl.create_default_context + wrap_socket, Node's tls.connect. */
  tls?: TlsClientCode;
}

/** A TLS client program's settings, as the session was opened with them. */
export interface TlsClientCode {
  /** server_hostname / servername: the SNI sent and the name the certificate is checked for. */
  servername?: string;
  alpn?: string[];
  /** Check the server's certificate (chain and name). */
  verify: boolean;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  minVersion?: TlsVersion;
  maxVersion?: TlsVersion;
}

/** A TLS server program's settings: its certificate and key files, and what it asks of clients. */
export interface TlsServerCode {
  certFile: string;
  keyFile: string;
  requestClientCert?: boolean;
  caFile?: string;
  alpn?: string[];
  minVersion?: TlsVersion;
  maxVersion?: TlsVersion;
}

export interface TcpServerSpec extends Common, Counted {
  kind: 'tcp-server';
  address: string;
  port: number;
  backlog: number;
  /** Answer every message with this text; 'echo' sends it back; unset = only receive. */
  reply?: Message | { echo: true };
  /** Wrap every accepted socket in TLS. */
  tls?: TlsServerCode;
}

/** How the log view shows received bytes, and so how the program prints them. */
export type Decoding = EncodingId | 'hex';

export type CodeLanguage = 'python' | 'node';

/** The socket family an address needs: IPv6 literals contain a colon. */
export const isIPv6 = (address: string): boolean => address.includes(':');

/** "All interfaces" as the course writes it: bind(('', port)). */
export const isAnyAddress = (address: string): boolean => address === '' || address === '0.0.0.0';

/** The encoding decode() uses, or 'hex' for a hex print. */
export const decodingOf = (spec: CodeSpec): Decoding => spec.decoding ?? spec.encoding;

export const isEmpty = (message: Message): boolean =>
  typeof message === 'string' ? message === '' : message.byteLength === 0;
