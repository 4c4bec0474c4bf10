import type { DataRecord, Endpoint } from '../contract';
import { concatBytes as concat } from '../codec/pieces';

/**
 * A small pcapng writer (Section Header, one Ethernet Interface Description,
 * Enhanced Packet Blocks) that wraps each payload in synthesized
 * Ethernet + IPv4/IPv6 + UDP/TCP headers carrying the real addresses and
 * ports, so Wireshark and tshark dissect it like a live capture.
 *
 * Written here rather than taken from npm: no maintained pcapng writer exists
 * there (checked with `npm view`: `pcapng`, `pcapng-writer`, `pcap-writer` do
 * not exist; `pcap-generator` writes classic pcap, has no description and no
 * release in years). It uses only Uint8Array/DataView, so main (capture to
 * file) and the renderer (export in the browser) share it.
 */

const LINKTYPE_ETHERNET = 1;
const SHB = 0x0a0d0d0a;
const IDB = 0x00000001;
const EPB = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/** IPv4's 16-bit total length bounds one packet; TCP payloads above this are split into segments. */
export const MAX_SEGMENT = 32 * 1024;

const MAC_LOCAL = [0x02, 0x00, 0x00, 0x00, 0x00, 0x01];
const MAC_PEER = [0x02, 0x00, 0x00, 0x00, 0x00, 0x02];

export type Transport = 'udp' | 'tcp';

const pad4 = (n: number): number => (n + 3) & ~3;

function block(type: number, body: Uint8Array): Uint8Array {
  const total = 12 + pad4(body.byteLength);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, total, true);
  out.set(body, 8);
  view.setUint32(total - 4, total, true);
  return out;
}

function option(code: number, value: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + pad4(value.byteLength));
  const view = new DataView(out.buffer);
  view.setUint16(0, code, true);
  view.setUint16(2, value.byteLength, true);
  out.set(value, 4);
  return out;
}

const utf8 = new TextEncoder();

/** The section comment of a TLS session's file: Wireshark shows it under Statistics › Capture File Properties. */
export const TLS_CAPTURE_COMMENT =
  'Decrypted TLS application data: the TLS records themselves are not in this file; the TCP headers are synthesized around what the application sent and received.';

/**
 * Section Header Block + Interface Description Block: the start of every file
 * (each rotated file opens alone). `comment` becomes the section's opt_comment.
 */
export function pcapngHeader(application = 'Socket Workbench', comment?: string): Uint8Array {
  const shbFixed = new Uint8Array(16);
  const shbView = new DataView(shbFixed.buffer);
  shbView.setUint32(0, BYTE_ORDER_MAGIC, true);
  shbView.setUint16(4, 1, true); // major
  shbView.setUint16(6, 0, true); // minor
  // Section length unknown (-1): we stream.
  shbView.setInt32(8, -1, true);
  shbView.setInt32(12, -1, true);
  const shbOptions = [option(4, utf8.encode(application))];
  if (comment) shbOptions.push(option(1, utf8.encode(comment)));
  const shb = block(SHB, concat([shbFixed, ...shbOptions, new Uint8Array(4)]));
  const idbFixed = new Uint8Array(8);
  const idbView = new DataView(idbFixed.buffer);
  idbView.setUint16(0, LINKTYPE_ETHERNET, true);
  idbView.setUint32(4, 0, true); // snaplen: no limit
  // if_tsresol left at its default, 10^-6: our timestamps are microseconds.
  const idb = block(
    IDB,
    concat([idbFixed, option(2, utf8.encode('workbench (synthesized headers)')), new Uint8Array(4)]),
  );
  return concat([shb, idb]);
}

/** `::ffff:1.2.3.4` (a dual-stack socket's view of an IPv4 peer) is the IPv4 address 1.2.3.4. */
function plainAddress(endpoint: Endpoint): { v4: boolean; address: string } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(endpoint.address);
  if (mapped?.[1]) return { v4: true, address: mapped[1] };
  return { v4: endpoint.family === 'IPv4' && !endpoint.address.includes(':'), address: endpoint.address };
}

function ipv4Bytes(address: string): Uint8Array {
  const parts = address.split('.').map((p) => Number(p));
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i += 1) out[i] = (parts[i] ?? 0) & 0xff;
  return out;
}

function ipv6Bytes(address: string): Uint8Array {
  let text = address.split('%')[0] ?? '';
  // A trailing dotted quad (::ffff:1.2.3.4 kept as IPv6) becomes two groups.
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad?.[1]) {
    const b = ipv4Bytes(quad[1]);
    const hi = (((b[0] ?? 0) << 8) | (b[1] ?? 0)).toString(16);
    const lo = (((b[2] ?? 0) << 8) | (b[3] ?? 0)).toString(16);
    text = `${text.slice(0, -quad[1].length)}${hi}:${lo}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const fill = tail !== undefined ? 8 - headGroups.length - tailGroups.length : 0;
  const groups = [...headGroups, ...new Array<string>(Math.max(0, fill)).fill('0'), ...tailGroups];
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i += 1) {
    const g = parseInt(groups[i] ?? '0', 16) || 0;
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 0xff;
  }
  return out;
}

/** The Internet checksum (RFC 1071) over several pieces, as if concatenated. */
function checksum(pieces: Uint8Array[]): number {
  let sum = 0;
  let odd: number | undefined;
  for (const p of pieces) {
    let i = 0;
    if (odd !== undefined && p.byteLength > 0) {
      sum += (odd << 8) | (p[0] as number);
      odd = undefined;
      i = 1;
    }
    for (; i + 1 < p.byteLength; i += 2) sum += ((p[i] as number) << 8) | (p[i + 1] as number);
    if (i < p.byteLength) odd = p[i] as number;
    // Fold now and then so the sum stays a small integer.
    if (sum > 0x7fffffff) sum = (sum & 0xffff) + (sum >>> 16);
  }
  if (odd !== undefined) sum += odd << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

interface Flow {
  /** Next sequence number of each direction: local → peer and peer → local. */
  out: number;
  in: number;
}

export interface PcapngRecordInput {
  record: DataRecord;
  /** The workbench's own address for this record's socket. */
  local: Endpoint | undefined;
  transport: Transport;
}

/**
 * Turns data records into Enhanced Packet Blocks. Keeps each TCP flow's
 * sequence numbers per direction so Wireshark sees one consistent stream
 * (payload bytes in order, acknowledgements matching), starting from ISN 1.
 */
export class PcapngEncoder {
  private readonly flows = new Map<string, Flow>();

  /** One or more EPBs (TCP payloads above MAX_SEGMENT are split like the kernel would segment them). */
  encode({ record, local, transport }: PcapngRecordInput): Uint8Array {
    const peer = plainAddress(record.peer);
    const own = local ? plainAddress(local) : { v4: peer.v4, address: peer.v4 ? '0.0.0.0' : '::' };
    // A socket bound to '::' talking to an IPv4 peer: show both ends in one family.
    const me = own.v4 === peer.v4 ? own : { v4: peer.v4, address: peer.v4 ? '0.0.0.0' : '::' };
    const localPort = local?.port ?? 0;
    const src = record.dir === 'out' ? { ...me, port: localPort } : { ...peer, port: record.peer.port };
    const dst = record.dir === 'out' ? { ...peer, port: record.peer.port } : { ...me, port: localPort };
    const blocks: Uint8Array[] = [];
    if (transport === 'udp') {
      blocks.push(this.packet(record, src, dst, peer.v4, 17, this.udp(record.bytes, src, dst, peer.v4)));
      return concat(blocks);
    }
    const key = `${me.address}|${localPort}|${peer.address}|${record.peer.port}`;
    let flow = this.flows.get(key);
    if (!flow) {
      flow = { out: 1, in: 1 };
      this.flows.set(key, flow);
    }
    const bytes = record.bytes;
    let offset = 0;
    do {
      const piece = bytes.subarray(offset, offset + MAX_SEGMENT);
      const seq = record.dir === 'out' ? flow.out : flow.in;
      const ack = record.dir === 'out' ? flow.in : flow.out;
      const segment = this.tcp(piece, src, dst, peer.v4, seq, ack);
      blocks.push(this.packet(record, src, dst, peer.v4, 6, segment));
      const next = (seq + piece.byteLength) >>> 0;
      if (record.dir === 'out') flow.out = next;
      else flow.in = next;
      offset += MAX_SEGMENT;
    } while (offset < bytes.byteLength);
    return concat(blocks);
  }

  private udp(payload: Uint8Array, src: Addr, dst: Addr, v4: boolean): Uint8Array {
    const out = new Uint8Array(8 + payload.byteLength);
    const view = new DataView(out.buffer);
    view.setUint16(0, src.port);
    view.setUint16(2, dst.port);
    view.setUint16(4, Math.min(0xffff, out.byteLength));
    out.set(payload, 8);
    view.setUint16(6, checksum([pseudoHeader(src, dst, v4, 17, out.byteLength), out]) || 0xffff);
    return out;
  }

  private tcp(payload: Uint8Array, src: Addr, dst: Addr, v4: boolean, seq: number, ack: number): Uint8Array {
    const out = new Uint8Array(20 + payload.byteLength);
    const view = new DataView(out.buffer);
    view.setUint16(0, src.port);
    view.setUint16(2, dst.port);
    view.setUint32(4, seq >>> 0);
    view.setUint32(8, ack >>> 0);
    out[12] = 5 << 4; // header length: 5 words
    out[13] = 0x18; // PSH + ACK
    view.setUint16(14, 0xffff); // window
    out.set(payload, 20);
    view.setUint16(16, checksum([pseudoHeader(src, dst, v4, 6, out.byteLength), out]));
    return out;
  }

  private packet(
    record: DataRecord,
    src: Addr,
    dst: Addr,
    v4: boolean,
    protocol: number,
    transport: Uint8Array,
  ): Uint8Array {
    const ip = v4 ? ipv4Header(src, dst, protocol, transport) : ipv6Header(src, dst, protocol, transport);
    const ether = new Uint8Array(14);
    ether.set(record.dir === 'out' ? MAC_PEER : MAC_LOCAL, 0);
    ether.set(record.dir === 'out' ? MAC_LOCAL : MAC_PEER, 6);
    ether[12] = v4 ? 0x08 : 0x86;
    ether[13] = v4 ? 0x00 : 0xdd;
    const frameLength = 14 + ip.byteLength + transport.byteLength;
    const fixed = new Uint8Array(20);
    const view = new DataView(fixed.buffer);
    const high = Math.floor(record.t / 0x1_0000_0000);
    view.setUint32(0, 0, true); // interface 0
    view.setUint32(4, high >>> 0, true);
    view.setUint32(8, (record.t - high * 0x1_0000_0000) >>> 0, true);
    view.setUint32(12, frameLength, true);
    view.setUint32(16, frameLength, true);
    const framePad = new Uint8Array(pad4(frameLength) - frameLength);
    // epb_flags: direction inbound (1) / outbound (2), so Wireshark can tell them apart.
    const flags = new Uint8Array(4);
    new DataView(flags.buffer).setUint32(0, record.dir === 'in' ? 1 : 2, true);
    const opts: Uint8Array[] = [option(2, flags)];
    if (record.auto) {
      const text =
        record.auto.kind === 'echo' ? 'workbench echo' : `workbench auto-reply rule ${record.auto.rule}`;
      opts.push(option(1, utf8.encode(text)));
    }
    opts.push(new Uint8Array(4)); // opt_endofopt
    return block(EPB, concat([fixed, ether, ip, transport, framePad, ...opts]));
  }
}

interface Addr {
  v4: boolean;
  address: string;
  port: number;
}

function pseudoHeader(src: Addr, dst: Addr, v4: boolean, protocol: number, length: number): Uint8Array {
  if (v4) {
    const out = new Uint8Array(12);
    out.set(ipv4Bytes(src.address), 0);
    out.set(ipv4Bytes(dst.address), 4);
    out[9] = protocol;
    new DataView(out.buffer).setUint16(10, length);
    return out;
  }
  const out = new Uint8Array(40);
  out.set(ipv6Bytes(src.address), 0);
  out.set(ipv6Bytes(dst.address), 16);
  new DataView(out.buffer).setUint32(32, length);
  out[39] = protocol;
  return out;
}

function ipv4Header(src: Addr, dst: Addr, protocol: number, transport: Uint8Array): Uint8Array {
  const out = new Uint8Array(20);
  const view = new DataView(out.buffer);
  out[0] = 0x45;
  view.setUint16(2, 20 + transport.byteLength);
  view.setUint16(6, 0x4000); // don't fragment
  out[8] = 64;
  out[9] = protocol;
  out.set(ipv4Bytes(src.address), 12);
  out.set(ipv4Bytes(dst.address), 16);
  view.setUint16(10, checksum([out]));
  return out;
}

function ipv6Header(src: Addr, dst: Addr, protocol: number, transport: Uint8Array): Uint8Array {
  const out = new Uint8Array(40);
  const view = new DataView(out.buffer);
  out[0] = 0x60;
  view.setUint16(4, transport.byteLength);
  out[6] = protocol;
  out[7] = 64;
  out.set(ipv6Bytes(src.address), 8);
  out.set(ipv6Bytes(dst.address), 24);
  return out;
}
