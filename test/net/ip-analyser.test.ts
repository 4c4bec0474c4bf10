import { describe, expect, it } from 'vitest';
import { analyseIp, formatIPv6, parseIPv6 } from '../../src-shared/net/ip-analyser';
import { portRange, serviceName } from '../../src-shared/net/ports';

const analyse = (text: string) => {
  const result = analyseIp(text);
  if (!result.ok) throw new Error(`${text}: ${result.error}`);
  return result.value;
};

describe('analyseIp classifies the course’s eight addresses', () => {
  it.each([
    ['10.1.2.3', 4, 'A', 'private'],
    ['172.16.0.1', 4, 'B', 'private'],
    ['192.168.1.1', 4, 'C', 'private'],
    ['224.0.0.251', 4, 'D', 'multicast'],
    ['127.0.0.1', 4, 'A', 'loopback'],
    ['169.254.1.1', 4, 'B', 'link-local'],
    ['fe80::1', 6, undefined, 'link-local'],
    ['8.8.8.8', 4, 'A', 'public'],
  ] as const)('%s: IPv%d, class %s, %s', (address, version, ipClass, scope) => {
    const a = analyse(address);
    expect(a.version).toBe(version);
    expect(a.ipClass).toBe(ipClass);
    expect(a.scope).toBe(scope);
  });

  it('knows the other kinds', () => {
    expect(analyse('255.255.255.255').scope).toBe('broadcast');
    expect(analyse('192.0.2.10').scope).toBe('documentation');
    expect(analyse('2001:db8::1').scope).toBe('documentation');
    expect(analyse('0.0.0.0').scope).toBe('unspecified');
    expect(analyse('::1').scope).toBe('loopback');
    expect(analyse('fd12:3456::1').scope).toBe('unique-local');
    expect(analyse('ff02::fb').scope).toBe('multicast');
    expect(analyse('2606:4700::1111').scope).toBe('public');
    expect(analyse('100.64.1.1').scope).toBe('shared');
    expect(analyse('240.0.0.1').ipClass).toBe('E');
    expect(analyse('172.32.0.1').scope).toBe('public');
  });
});

describe('CIDR calculator', () => {
  it('192.168.1.10/24', () => {
    expect(analyse('192.168.1.10/24')).toMatchObject({
      prefix: 24,
      prefixAssumed: false,
      netmask: '255.255.255.0',
      wildcard: '0.0.0.255',
      network: '192.168.1.0',
      broadcast: '192.168.1.255',
      firstHost: '192.168.1.1',
      lastHost: '192.168.1.254',
      hostCount: '254',
    });
  });

  it('a netmask after the slash, a /26, /31 and /32', () => {
    expect(analyse('10.0.0.77/255.255.255.192')).toMatchObject({
      prefix: 26,
      network: '10.0.0.64',
      broadcast: '10.0.0.127',
      hostCount: '62',
    });
    expect(analyse('10.0.0.0/31')).toMatchObject({
      hostCount: '2',
      firstHost: '10.0.0.0',
      lastHost: '10.0.0.1',
    });
    expect(analyse('10.0.0.5/32')).toMatchObject({ hostCount: '1', network: '10.0.0.5' });
  });

  it('uses the class default without a prefix, and says so', () => {
    expect(analyse('172.16.0.1')).toMatchObject({ prefix: 16, prefixAssumed: true, network: '172.16.0.0' });
    expect(analyse('10.1.2.3').bits).toBe('00001010000000010000001000000011');
  });

  it('marks the network and broadcast address of a subnet', () => {
    expect(analyse('192.168.1.0/24').isNetworkAddress).toBe(true);
    expect(analyse('192.168.1.255/24').isBroadcastAddress).toBe(true);
  });

  it('IPv6 prefixes', () => {
    expect(analyse('2001:db8:abcd:12::1/48')).toMatchObject({
      network: '2001:db8:abcd::',
      lastHost: '2001:db8:abcd:ffff:ffff:ffff:ffff:ffff',
      hostCount: String(2n ** 80n),
    });
    expect(analyse('fe80::1/64').prefix).toBe(64);
  });

  it('takes a bare IPv6 address as itself, /128: ::1 is the loopback address, not a /64 starting at ::', () => {
    expect(analyse('::1')).toMatchObject({
      scope: 'loopback',
      prefix: 128,
      prefixAssumed: true,
      network: '::1',
      firstHost: '::1',
      lastHost: '::1',
      hostCount: '1',
    });
    expect(analyse('fe80::1')).toMatchObject({ prefix: 128, firstHost: 'fe80::1' });
  });

  it('refuses a part with a leading zero, which inet_aton() reads as octal, showing both readings', () => {
    expect(analyseIp('192.168.001.1')).toEqual({
      ok: false,
      error: 'leading-zero',
      part: '001',
      octal: '192.168.1.1',
      decimal: '192.168.1.1',
    });
    // Python: socket.inet_aton('10.0.010.1') == bytes([10, 0, 8, 1])
    expect(analyseIp('10.0.010.1/24')).toMatchObject({
      part: '010',
      octal: '10.0.8.1',
      decimal: '10.0.10.1',
    });
    // 8 and 9 are not octal digits: inet_aton('192.168.09.1') fails.
    expect(analyseIp('192.168.09.1')).toMatchObject({ error: 'leading-zero', octal: undefined });
    expect(analyse('10.0.0.0/8').address).toBe('10.0.0.0');
  });

  it('refuses what is not an address or a prefix', () => {
    expect(analyseIp('')).toEqual({ ok: false, error: 'empty' });
    expect(analyseIp('256.1.1.1')).toEqual({ ok: false, error: 'address' });
    expect(analyseIp('1.2.3')).toEqual({ ok: false, error: 'address' });
    expect(analyseIp('10.0.0.1/33')).toEqual({ ok: false, error: 'prefix' });
    expect(analyseIp('10.0.0.1/255.0.255.0')).toEqual({ ok: false, error: 'prefix' });
    expect(analyseIp('1::2::3')).toEqual({ ok: false, error: 'address' });
  });
});

describe('IPv6 text', () => {
  it('parses :: and an IPv4 tail, and writes RFC 5952 text', () => {
    expect(formatIPv6(parseIPv6('::ffff:192.168.1.1') as bigint)).toBe('::ffff:c0a8:101');
    expect(formatIPv6(parseIPv6('2001:0DB8:0:0:1:0:0:1') as bigint)).toBe('2001:db8::1:0:0:1');
    expect(formatIPv6(parseIPv6('fe80::1%eth0') as bigint)).toBe('fe80::1');
    expect(formatIPv6(0n)).toBe('::');
  });
});

describe('ports', () => {
  it('ranges and names', () => {
    expect([0, 80, 1023, 1024, 49151, 49152, 65535].map(portRange)).toEqual([
      'well-known',
      'well-known',
      'well-known',
      'registered',
      'registered',
      'dynamic',
      'dynamic',
    ]);
    expect(serviceName(502)).toBe('modbus');
    expect(serviceName(1883)).toBe('mqtt');
    expect(serviceName(7788)).toBeUndefined();
  });
});
