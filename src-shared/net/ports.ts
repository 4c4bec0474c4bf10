/**
 * Port numbers as the course teaches them: the three IANA ranges, and the
 * names of the well-known services a student meets first.
 */
export type PortRange = 'well-known' | 'registered' | 'dynamic';

/** 0–1023 system (well-known) ports, 1024–49151 registered, 49152–65535 dynamic/private (ephemeral). */
export function portRange(port: number): PortRange {
  if (port <= 1023) return 'well-known';
  if (port <= 49151) return 'registered';
  return 'dynamic';
}

export const WELL_KNOWN_PORTS: Readonly<Record<number, string>> = {
  20: 'ftp-data',
  21: 'ftp',
  22: 'ssh',
  23: 'telnet',
  25: 'smtp',
  53: 'dns',
  67: 'dhcp (server)',
  68: 'dhcp (client)',
  69: 'tftp',
  80: 'http',
  110: 'pop3',
  123: 'ntp',
  137: 'netbios-ns',
  143: 'imap',
  161: 'snmp',
  162: 'snmp-trap',
  389: 'ldap',
  443: 'https',
  445: 'smb',
  502: 'modbus',
  514: 'syslog',
  546: 'dhcpv6 (client)',
  547: 'dhcpv6 (server)',
  587: 'smtp (submission)',
  631: 'ipp (printing)',
  853: 'dns over tls',
  993: 'imaps',
  995: 'pop3s',
  1433: 'mssql',
  1883: 'mqtt',
  1900: 'ssdp (upnp)',
  3306: 'mysql',
  3389: 'rdp',
  5353: 'mdns',
  5432: 'postgresql',
  5672: 'amqp',
  6379: 'redis',
  8080: 'http-alt',
  8443: 'https-alt',
  8883: 'mqtt over tls',
  27017: 'mongodb',
};

export function serviceName(port: number): string | undefined {
  return WELL_KNOWN_PORTS[port];
}
