import { networkInterfaces } from 'node:os';
import type { NetInterface } from '../../src-shared/contract';

/** The subnet's directed broadcast address: host bits all ones. */
export function ipv4Broadcast(address: string, netmask: string): string {
  const a = address.split('.').map(Number);
  const m = netmask.split('.').map(Number);
  return a.map((octet, i) => (octet | (~(m[i] ?? 0) & 0xff)) & 0xff).join('.');
}

/** What `ifconfig` / `ipconfig` list: every address of every interface. */
export function listInterfaces(): NetInterface[] {
  const out: NetInterface[] = [];
  for (const [name, addresses] of Object.entries(networkInterfaces())) {
    for (const info of addresses ?? []) {
      const family = info.family === 'IPv6' ? 'IPv6' : 'IPv4';
      const entry: NetInterface = {
        name,
        address: info.address,
        family,
        netmask: info.netmask,
        cidr: info.cidr ?? `${info.address}`,
        internal: info.internal,
        mac: info.mac,
      };
      if (family === 'IPv4') entry.broadcast = ipv4Broadcast(info.address, info.netmask);
      out.push(entry);
    }
  }
  return out;
}
