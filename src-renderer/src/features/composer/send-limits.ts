/**
 * What a send needs before it can go, checked while typing rather than
 * learnt from an error afterwards: a destination for UDP, and a datagram
 * the OS will take in one piece.
 */

/** 65,535 (IPv4 total length) − 20 (IP header) − 8 (UDP header): more is EMSGSIZE. */
export const UDP_MAX_IPV4 = 65_507;
/** 65,535 (IPv6 payload length) − 8 (UDP header); Linux refuses one byte more with EMSGSIZE. */
export const UDP_MAX_IPV6 = 65_527;

export type IpFamily = 'IPv4' | 'IPv6';

/**
 * The IP version a datagram to `host` goes out on: an IPv6 literal is IPv6
 * (unless it is an IPv4-mapped one, which the kernel sends as IPv4), an IPv4
 * literal IPv4, and a name is looked up in the socket's own family.
 */
export function sendFamily(host: string, socketFamily: IpFamily | undefined): IpFamily {
  const h = host.trim().replace(/^\[(.*)\]$/, '$1');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(h)) return 'IPv4';
  if (h.includes(':')) return /^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(h) ? 'IPv4' : 'IPv6';
  return socketFamily ?? 'IPv4';
}

/** The largest UDP payload one datagram can carry on that family. */
export function udpPayloadLimit(family: IpFamily): number {
  return family === 'IPv6' ? UDP_MAX_IPV6 : UDP_MAX_IPV4;
}

export type DestinationProblem = 'no-host' | 'no-port' | 'bad-port';

/** Why a UDP destination as typed cannot be sent to, or undefined when it can. */
export function destinationProblem(host: string, port: string): DestinationProblem | undefined {
  if (host.trim() === '') return 'no-host';
  const p = port.trim();
  if (p === '') return 'no-port';
  if (!/^\d+$/.test(p) || Number(p) < 1 || Number(p) > 65535) return 'bad-port';
  return undefined;
}
