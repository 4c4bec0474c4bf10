import type { EncodingId } from '../codec/encodings';

/**
 * What a generated program does, taken from a session's current settings.
 * The generators turn one of these into Python 3 (the course's style) or
 * Node.js; keeping it a plain value lets tests build one without a UI.
 */
export type CodeSpec = UdpSpec | TcpClientSpec | TcpServerSpec;

interface Common {
  /** The session's text encoding: what encode() / decode() use. */
  encoding: EncodingId;
  /**
   * Stop after this many: datagrams received (UDP), replies received (TCP
   * client), clients served (TCP server). Unset = loop for ever, as the course does.
   */
  count?: number;
  /** settimeout(seconds): a blocked call gives up instead of waiting for ever. */
  timeoutSeconds?: number;
}

export interface UdpSpec extends Common {
  kind: 'udp';
  /** bind((address, port)) first; unset = no bind(), the OS picks a port on the first sendto. */
  bind?: { address: string; port: number };
  /** sendto() this text once; unset = only receive. */
  send?: { host: string; port: number; text: string };
}

export interface TcpClientSpec extends Common {
  kind: 'tcp-client';
  host: string;
  port: number;
  /** send() this text once connected; empty = send nothing. */
  text: string;
}

export interface TcpServerSpec extends Common {
  kind: 'tcp-server';
  address: string;
  port: number;
  backlog: number;
  /** Answer every message with this text; 'echo' sends it back; unset = only receive. */
  reply?: string | { echo: true };
}

export type CodeLanguage = 'python' | 'node';

/** The socket family an address needs: IPv6 literals contain a colon. */
export const isIPv6 = (address: string): boolean => address.includes(':');

/** "All interfaces" as the course writes it: bind(('', port)). */
export const isAnyAddress = (address: string): boolean => address === '' || address === '0.0.0.0';
