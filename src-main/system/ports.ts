import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { PortEntry, PortFreeResult, PortsResult } from '../../src-shared/contract';
import { formatIPv4, formatIPv6 } from '../../src-shared/net/ip-analyser';

/**
 * The ports in use on this machine, as `netstat -an` / `lsof -i` / `ss -tuanp`
 * show them. Pure Node: on Linux from /proc (no tools needed), elsewhere from
 * netstat or lsof when present. Best effort: what the OS hides (other users'
 * processes) is left out, never an error.
 */

const TCP_STATES: Record<string, string> = {
  '01': 'ESTABLISHED',
  '02': 'SYN_SENT',
  '03': 'SYN_RECV',
  '04': 'FIN_WAIT1',
  '05': 'FIN_WAIT2',
  '06': 'TIME_WAIT',
  '07': 'CLOSE',
  '08': 'CLOSE_WAIT',
  '09': 'LAST_ACK',
  '0A': 'LISTEN',
  '0B': 'CLOSING',
};

/** `0100007F` (IPv4, little-endian words as the kernel prints them) or 32 hex digits of IPv6. */
export function procAddress(hex: string): string {
  if (hex.length === 8) return formatIPv4(parseInt(hex.match(/../g)?.reverse().join('') ?? '0', 16));
  let value = 0n;
  for (let i = 0; i < 4; i++) {
    const word =
      hex
        .slice(i * 8, i * 8 + 8)
        .match(/../g)
        ?.reverse()
        .join('') ?? '0';
    value = (value << 32n) | BigInt(parseInt(word, 16));
  }
  return formatIPv6(value);
}

/** One /proc/net/{tcp,tcp6,udp,udp6} table; `inode` maps a row to its process. */
export function parseProcNet(
  text: string,
  protocol: 'tcp' | 'udp',
  v6: boolean,
): (PortEntry & { inode: string })[] {
  const out: (PortEntry & { inode: string })[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const [localHex = '', localPort = '0'] = (f[1] ?? '').split(':');
    const [remoteHex = '', remotePort = '0'] = (f[2] ?? '').split(':');
    const st = f[3] ?? '';
    // An unconnected UDP socket is in state 07 (CLOSE) in the kernel; ss calls it UNCONN.
    const state = protocol === 'udp' ? (st === '01' ? 'ESTABLISHED' : 'UNCONN') : (TCP_STATES[st] ?? st);
    const entry: PortEntry & { inode: string } = {
      protocol,
      family: v6 ? 'IPv6' : 'IPv4',
      localAddress: procAddress(localHex),
      localPort: parseInt(localPort, 16),
      state,
      inode: f[9] ?? '0',
    };
    const rPort = parseInt(remotePort, 16);
    if (rPort !== 0) {
      entry.remoteAddress = procAddress(remoteHex);
      entry.remotePort = rPort;
    }
    out.push(entry);
  }
  return out;
}

/** socket inode → owning process, from /proc/PID/fd links; processes we may not look into are skipped. */
async function socketOwners(): Promise<Map<string, { pid: number; name: string }>> {
  const owners = new Map<string, { pid: number; name: string }>();
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((p) => /^\d+$/.test(p));
  await Promise.all(
    pids.map(async (pid) => {
      const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
      if (fds.length === 0) return;
      let name: string | undefined;
      for (const fd of fds) {
        const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
        const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
        if (!inode) continue;
        name ??= (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '?')).trim();
        owners.set(inode, { pid: Number(pid), name });
      }
    }),
  );
  return owners;
}

async function fromProc(): Promise<PortsResult | undefined> {
  const tables = [
    ['tcp', 'tcp', false],
    ['tcp6', 'tcp', true],
    ['udp', 'udp', false],
    ['udp6', 'udp', true],
  ] as const;
  const texts = await Promise.all(
    tables.map(([file]) => readFile(`/proc/net/${file}`, 'utf8').catch(() => undefined)),
  );
  if (texts.every((t) => t === undefined)) return undefined;
  const rows = tables.flatMap(([, protocol, v6], i) =>
    texts[i] ? parseProcNet(texts[i], protocol, v6) : [],
  );
  const owners = await socketOwners();
  const entries = rows.map(({ inode, ...entry }) => {
    const owner = owners.get(inode);
    return owner ? { ...entry, pid: owner.pid, process: owner.name } : entry;
  });
  return { source: 'proc', entries, processes: entries.some((e) => e.pid !== undefined) };
}

/** `127.0.0.1:80`, `[::1]:80`, `*:80`, `[::]:80` → address and port. */
function splitHostPort(text: string): { address: string; port: number } | undefined {
  const m = /^\[?(.*?)\]?[:.](\d+|\*)$/.exec(text);
  if (!m) return undefined;
  const port = m[2] === '*' ? 0 : Number(m[2]);
  const address = m[1] === '*' ? '0.0.0.0' : (m[1] ?? '');
  return { address, port };
}

/** Windows `netstat -ano`: `TCP 0.0.0.0:135 0.0.0.0:0 LISTENING 1234`, `UDP 0.0.0.0:123 *:* 5678`. */
export function parseNetstat(text: string): PortEntry[] {
  const out: PortEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    const proto = f[0]?.toLowerCase();
    if (proto !== 'tcp' && proto !== 'udp') continue;
    const local = splitHostPort(f[1] ?? '');
    if (!local) continue;
    const remote = splitHostPort(f[2] ?? '');
    const state = proto === 'tcp' ? (f[3] === 'LISTENING' ? 'LISTEN' : (f[3] ?? '')) : 'UNCONN';
    const pid = Number(proto === 'tcp' ? f[4] : f[3]);
    const entry: PortEntry = {
      protocol: proto,
      family: local.address.includes(':') ? 'IPv6' : 'IPv4',
      localAddress: local.address,
      localPort: local.port,
      state,
    };
    if (remote && remote.port !== 0) {
      entry.remoteAddress = remote.address;
      entry.remotePort = remote.port;
    }
    if (Number.isInteger(pid) && pid > 0) entry.pid = pid;
    out.push(entry);
  }
  return out;
}

/** `lsof -nP -iTCP -iUDP`: `node 123 me 20u IPv4 0x.. 0t0 TCP 127.0.0.1:5000->127.0.0.1:6000 (ESTABLISHED)`. */
export function parseLsof(text: string): PortEntry[] {
  const out: PortEntry[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    const proto = f[7]?.toLowerCase();
    if (proto !== 'tcp' && proto !== 'udp') continue;
    const [localText = '', remoteText] = (f[8] ?? '').split('->');
    const local = splitHostPort(localText);
    if (!local) continue;
    const remote = remoteText ? splitHostPort(remoteText) : undefined;
    const state = /^\((\w+)\)$/.exec(f[9] ?? '')?.[1] ?? (proto === 'udp' ? 'UNCONN' : '');
    const entry: PortEntry = {
      protocol: proto,
      family: f[4] === 'IPv6' ? 'IPv6' : 'IPv4',
      localAddress: local.address,
      localPort: local.port,
      state,
      pid: Number(f[1]),
      process: f[0] ?? '',
    };
    if (remote) {
      entry.remoteAddress = remote.address;
      entry.remotePort = remote.port;
    }
    out.push(entry);
  }
  return out;
}

function run(command: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 5000, maxBuffer: 8 * 1024 * 1024, windowsHide: true }, (err, stdout) =>
      // lsof exits 1 when some sockets are hidden; what it printed still counts.
      resolve(stdout ? stdout : err ? undefined : ''),
    );
  });
}

export async function listPorts(platform: NodeJS.Platform = process.platform): Promise<PortsResult> {
  if (platform === 'linux') {
    const proc = await fromProc();
    if (proc) return proc;
  }
  if (platform === 'win32') {
    const text = await run('netstat', ['-ano']);
    if (text !== undefined) {
      const entries = parseNetstat(text);
      return { source: 'netstat', entries, processes: entries.some((e) => e.pid !== undefined) };
    }
  }
  const lsof = await run('lsof', ['-nP', '-iTCP', '-iUDP']);
  if (lsof !== undefined) return { source: 'lsof', entries: parseLsof(lsof), processes: true };
  return { source: 'none', entries: [], processes: false };
}

function errorCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'ERROR';
}

/** Try to bind TCP, then UDP, on the port and let go at once: free means this program could use it now. */
export async function checkPortFree(port: number, address = '0.0.0.0'): Promise<PortFreeResult> {
  const v6 = address.includes(':');
  const tcp = await new Promise<string | undefined>((resolve) => {
    const server = createServer();
    server.once('error', (err) => resolve(errorCode(err)));
    // exclusive: a port another worker of ours holds counts as taken, as it would for another program.
    server.listen({ port, host: address, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
  const udp = await new Promise<string | undefined>((resolve) => {
    const socket = createSocket(v6 ? 'udp6' : 'udp4');
    socket.once('error', (err) => {
      socket.close();
      resolve(errorCode(err));
    });
    socket.bind({ port, address, exclusive: true }, () => socket.close(() => resolve(undefined)));
  });
  const result: PortFreeResult = { port, address, tcp: tcp === undefined, udp: udp === undefined };
  if (tcp) result.tcpError = tcp;
  if (udp) result.udpError = udp;
  return result;
}
