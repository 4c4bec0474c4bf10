/**
 * The IP address analyser of the network view: what a course on addressing
 * asks about one address (version, class, which kind of address it is,
 * network and host part) and a CIDR calculator. Pure and shared: no Node, no DOM.
 */

export type IpScope =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'unique-local'
  | 'shared'
  | 'link-local'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'ipv4-mapped'
  | 'reserved'
  | 'public';

export type IpClass = 'A' | 'B' | 'C' | 'D' | 'E';

export interface IpAnalysis {
  version: 4 | 6;
  /** The address as written canonically (IPv6 compressed, lower case). */
  address: string;
  scope: IpScope;
  /** IPv4 only: the classful class, from the first octet. */
  ipClass?: IpClass;
  /**
   * The prefix length used: given after `/`, else the class default (A /8,
   * B /16, C /24) for IPv4 and /128 (this one address) for IPv6, which has no
   * classes: guessing a /64 would invent a subnet nobody stated.
   */
  prefix: number;
  /** True when no prefix was given and the class (or /128) supplied it. */
  prefixAssumed: boolean;
  /** Every bit of the address, network bits first: `prefix` of them. */
  bits: string;
  netmask: string;
  wildcard?: string;
  network: string;
  /** IPv4: the directed broadcast address of the subnet. */
  broadcast?: string;
  firstHost: string;
  lastHost: string;
  /** Usable host addresses, as a decimal string (an IPv6 /64 holds 2^64). */
  hostCount: string;
  /** The address is the subnet's network (or, IPv4, broadcast) address itself. */
  isNetworkAddress: boolean;
  isBroadcastAddress: boolean;
}

export type AnalyseResult =
  { ok: true; value: IpAnalysis } | { ok: false; error: 'empty' | 'address' | 'prefix' } | LeadingZero;

/**
 * `192.168.001.1`: inet_aton() (and so ping, and Python's socket.inet_aton)
 * reads a part with a leading zero as octal (`010` is 8), while most other
 * tools read decimal. Which address is meant cannot be known: refuse, and
 * show both readings.
 */
export interface LeadingZero {
  ok: false;
  error: 'leading-zero';
  /** The first such part, as typed. */
  part: string;
  /** inet_aton()'s reading of the whole address, or undefined when a part is not octal (8 or 9 in it). */
  octal: string | undefined;
  /** The address with the zeros dropped, read as decimal. */
  decimal: string;
}

function leadingZero(text: string): LeadingZero | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
  const part = parts.find((p) => p.length > 1 && p.startsWith('0'));
  if (part === undefined) return undefined;
  const octal = parts.every((p) => !/^0/.test(p) || /^0[0-7]*$/.test(p))
    ? parts.map((p) => (p.length > 1 && p.startsWith('0') ? parseInt(p, 8) : Number(p)))
    : undefined;
  return {
    ok: false,
    error: 'leading-zero',
    part,
    octal: octal && octal.every((n) => n <= 255) ? octal.join('.') : undefined,
    decimal: parts.map(Number).join('.'),
  };
}

export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

export function formatIPv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** IPv6 text (with `::`, an embedded IPv4 tail, a `%zone`) as a 128-bit integer. */
export function parseIPv6(text: string): bigint | undefined {
  const address = text.replace(/%.*$/, '');
  if (!/^[0-9a-fA-F:.]+$/.test(address)) return undefined;
  let groups: string[];
  let tail: number[] = [];
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  let head = address;
  if (v4) {
    const n = parseIPv4(v4[2] as string);
    if (n === undefined) return undefined;
    tail = [Math.floor(n / 65536), n % 65536];
    head = (v4[1] as string).endsWith('::') ? (v4[1] as string) : (v4[1] as string).slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string): string[] => (s === '' ? [] : s.split(':'));
  if (halves.length === 2) {
    const left = parse(halves[0] as string);
    const right = parse(halves[1] as string);
    const missing = 8 - tail.length - left.length - right.length;
    if (missing < 1) return undefined;
    groups = [...left, ...Array<string>(missing).fill('0'), ...right];
  } else {
    groups = parse(head);
  }
  const words = [...groups.map((g) => (/^[0-9a-fA-F]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)), ...tail];
  if (words.length !== 8 || words.some((w) => Number.isNaN(w))) return undefined;
  return words.reduce((acc, w) => (acc << 16n) | BigInt(w), 0n);
}

/** RFC 5952 text: lower case, the longest run of zero groups as `::`. */
export function formatIPv6(value: bigint): string {
  const words = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt((7 - i) * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j += 1;
    if (j - i > bestLen && j - i > 1) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

const inV4 = (value: number, base: string, prefix: number): boolean => {
  const b = parseIPv4(base) as number;
  const size = 2 ** (32 - prefix);
  return Math.floor(value / size) === Math.floor(b / size);
};

function scopeV4(v: number): IpScope {
  if (v === 0) return 'unspecified';
  if (v === 0xffffffff) return 'broadcast';
  if (inV4(v, '127.0.0.0', 8)) return 'loopback';
  if (inV4(v, '10.0.0.0', 8) || inV4(v, '172.16.0.0', 12) || inV4(v, '192.168.0.0', 16)) return 'private';
  if (inV4(v, '100.64.0.0', 10)) return 'shared';
  if (inV4(v, '169.254.0.0', 16)) return 'link-local';
  if (inV4(v, '224.0.0.0', 4)) return 'multicast';
  if (inV4(v, '192.0.2.0', 24) || inV4(v, '198.51.100.0', 24) || inV4(v, '203.0.113.0', 24))
    return 'documentation';
  if (inV4(v, '0.0.0.0', 8) || inV4(v, '240.0.0.0', 4)) return 'reserved';
  return 'public';
}

const inV6 = (value: bigint, base: string, prefix: number): boolean =>
  value >> BigInt(128 - prefix) === (parseIPv6(base) as bigint) >> BigInt(128 - prefix);

function scopeV6(v: bigint): IpScope {
  if (v === 0n) return 'unspecified';
  if (v === 1n) return 'loopback';
  if (inV6(v, '::ffff:0:0', 96)) return 'ipv4-mapped';
  if (inV6(v, 'fe80::', 10)) return 'link-local';
  if (inV6(v, 'fc00::', 7)) return 'unique-local';
  if (inV6(v, 'ff00::', 8)) return 'multicast';
  if (inV6(v, '2001:db8::', 32)) return 'documentation';
  if (inV6(v, '2000::', 3)) return 'public';
  return 'reserved';
}

function classOf(firstOctet: number): IpClass {
  if (firstOctet < 128) return 'A';
  if (firstOctet < 192) return 'B';
  if (firstOctet < 224) return 'C';
  if (firstOctet < 240) return 'D';
  return 'E';
}

const CLASS_PREFIX: Record<IpClass, number> = { A: 8, B: 16, C: 24, D: 32, E: 32 };

/** `/24` or `/255.255.255.0` (a contiguous netmask) as a prefix length. */
function parsePrefix(text: string, max: number): number | undefined {
  if (/^\d{1,3}$/.test(text)) {
    const n = Number(text);
    return n <= max ? n : undefined;
  }
  if (max !== 32) return undefined;
  const mask = parseIPv4(text);
  if (mask === undefined) return undefined;
  const bits = mask.toString(2).padStart(32, '0');
  return /^1*0*$/.test(bits) ? (bits.indexOf('0') === -1 ? 32 : bits.indexOf('0')) : undefined;
}

/** Analyse `10.1.2.3`, `192.168.1.10/24`, `192.168.1.10/255.255.255.0`, `fe80::1`, `2001:db8::/48`. */
export function analyseIp(input: string): AnalyseResult {
  const text = input.trim().replace(/^\[(.*)\](.*)$/, '$1$2');
  if (text === '') return { ok: false, error: 'empty' };
  const [addressText = '', prefixText] = text.split('/');
  const ambiguous = leadingZero(addressText);
  if (ambiguous) return ambiguous;
  const v4 = parseIPv4(addressText);
  if (v4 !== undefined) {
    const ipClass = classOf(Math.floor(v4 / 2 ** 24));
    const given = prefixText === undefined ? undefined : parsePrefix(prefixText, 32);
    if (prefixText !== undefined && given === undefined) return { ok: false, error: 'prefix' };
    const prefix = given ?? CLASS_PREFIX[ipClass];
    const size = 2 ** (32 - prefix);
    const network = Math.floor(v4 / size) * size;
    const broadcast = network + size - 1;
    const mask = 2 ** 32 - size;
    const small = prefix >= 31; // /31 point-to-point links and /32 single hosts have no network/broadcast pair
    return {
      ok: true,
      value: {
        version: 4,
        address: formatIPv4(v4),
        scope: scopeV4(v4),
        ipClass,
        prefix,
        prefixAssumed: given === undefined,
        bits: v4.toString(2).padStart(32, '0'),
        netmask: formatIPv4(mask),
        wildcard: formatIPv4(size - 1),
        network: formatIPv4(network),
        broadcast: formatIPv4(broadcast),
        firstHost: formatIPv4(small ? network : network + 1),
        lastHost: formatIPv4(small ? broadcast : broadcast - 1),
        hostCount: String(small ? size : size - 2),
        isNetworkAddress: !small && v4 === network,
        isBroadcastAddress: !small && v4 === broadcast,
      },
    };
  }
  const v6 = parseIPv6(addressText);
  if (v6 === undefined) return { ok: false, error: 'address' };
  const given = prefixText === undefined ? undefined : parsePrefix(prefixText, 128);
  if (prefixText !== undefined && given === undefined) return { ok: false, error: 'prefix' };
  const prefix = given ?? 128;
  const hostBits = BigInt(128 - prefix);
  const all = (1n << 128n) - 1n;
  const hostMask = (1n << hostBits) - 1n;
  const network = v6 & (all ^ hostMask);
  const last = network | hostMask;
  return {
    ok: true,
    value: {
      version: 6,
      address: formatIPv6(v6),
      scope: scopeV6(v6),
      prefix,
      prefixAssumed: given === undefined,
      bits: v6.toString(2).padStart(128, '0'),
      netmask: formatIPv6(all ^ hostMask),
      network: formatIPv6(network),
      firstHost: formatIPv6(network),
      lastHost: formatIPv6(last),
      hostCount: (1n << hostBits).toString(),
      isNetworkAddress: false,
      isBroadcastAddress: false,
    },
  };
}
