import type { AddressInfo } from 'node:net';
import { isIPv6 } from 'node:net';
import type { Endpoint, Family } from '../../src-shared/contract';

export function familyOf(address: string): Family {
  return isIPv6(address) ? 'IPv6' : 'IPv4';
}

/** Node reports family as 'IPv4'/'IPv6' (and, in some versions, 4/6). */
export function toEndpoint(
  info: AddressInfo | { address: string; port: number; family?: string | number },
): Endpoint {
  const family: Family =
    info.family === 'IPv6' || info.family === 6
      ? 'IPv6'
      : info.family === 'IPv4' || info.family === 4
        ? 'IPv4'
        : familyOf(info.address);
  return { address: info.address, port: info.port, family };
}
