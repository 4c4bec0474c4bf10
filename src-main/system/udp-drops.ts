import { readdir, readFile, readlink } from 'node:fs/promises';
import type { DropCounts } from '../engine/needs';
import { procAddress } from './ports';

/**
 * Datagrams the kernel dropped at our own UDP sockets because their receive
 * buffer was full: the `drops` column of /proc/net/udp and /proc/net/udp6
 * (what `ss -uam` shows as `d<N>`). A user flooding a device's port must be
 * told when the OS threw datagrams away before the app could read them; the
 * session's counters can only count what arrived.
 *
 * Linux only: elsewhere the tables do not exist and nothing is reported. One
 * read of both tables per second, and only while some socket is watched.
 */

const POLL_MS = 1000;

interface UdpRow {
  address: string;
  port: number;
  inode: string;
  drops: number;
}

/** Local address, port, inode and `drops` of every row of one /proc/net/udp{,6} table. */
export function parseUdpTable(text: string): UdpRow[] {
  const rows: UdpRow[] = [];
  for (const line of text.split('\n').slice(1)) {
    // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
    const f = line.trim().split(/\s+/);
    const [addressHex = '', portHex = ''] = (f[1] ?? '').split(':');
    const inode = f[9];
    const drops = Number(f[12]);
    if (!inode || !portHex || !Number.isFinite(drops)) continue;
    rows.push({ address: procAddress(addressHex), port: parseInt(portHex, 16), inode, drops });
  }
  return rows;
}

/** Inodes of this process's own sockets, from its /proc/self/fd links. */
async function ownSocketInodes(): Promise<Set<string>> {
  const inodes = new Set<string>();
  const fds = await readdir('/proc/self/fd').catch(() => [] as string[]);
  for (const fd of fds) {
    const link = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
    if (inode) inodes.add(inode);
  }
  return inodes;
}

async function readTables(): Promise<UdpRow[] | undefined> {
  const texts = await Promise.all(
    ['/proc/net/udp', '/proc/net/udp6'].map((f) => readFile(f, 'utf8').catch(() => undefined)),
  );
  if (texts.every((t) => t === undefined)) return undefined;
  return texts.flatMap((text) => (text ? parseUdpTable(text) : []));
}

type OnDrops = (drops: number) => void;

interface Watch {
  address: string;
  port: number;
  onDrops: OnDrops;
  /** Found on the first read that shows the socket: the row of this process's socket at that address. */
  inode?: string;
}

export class UdpDropWatcher implements DropCounts {
  private readonly watched = new Set<Watch>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private unsupported = process.platform !== 'linux';

  /**
   * Report the kernel's drop count of our socket bound to `address`:`port`
   * whenever it is read (about once a second). Returns the way to stop.
   */
  watch(address: string, port: number, onDrops: OnDrops): () => void {
    if (this.unsupported) return () => undefined;
    const watch: Watch = { address, port, onDrops };
    this.watched.add(watch);
    this.schedule();
    void this.poll();
    return () => {
      this.watched.delete(watch);
      if (this.watched.size === 0) this.stop();
    };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Read the tables now and report. */
  async poll(): Promise<void> {
    if (this.polling || this.watched.size === 0) return;
    this.polling = true;
    try {
      const rows = await readTables();
      if (!rows) {
        this.unsupported = true;
        this.stop();
        return;
      }
      const pending = [...this.watched].filter((w) => !w.inode);
      // Another process may hold the same port on another address, or share it: only our own sockets count.
      const own = pending.length > 0 ? await ownSocketInodes() : undefined;
      for (const watch of pending) {
        watch.inode = rows.find(
          (r) => r.port === watch.port && r.address === watch.address && own?.has(r.inode),
        )?.inode;
      }
      const byInode = new Map(rows.map((r) => [r.inode, r.drops]));
      for (const watch of this.watched) {
        const drops = watch.inode ? byInode.get(watch.inode) : undefined;
        if (drops !== undefined) watch.onDrops(drops);
      }
    } finally {
      this.polling = false;
    }
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), POLL_MS);
    this.timer.unref();
  }
}
