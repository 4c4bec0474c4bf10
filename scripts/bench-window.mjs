/* global window, document, MutationObserver -- page code run by Playwright */
// The window-open rows of `npm run bench` (issue 13): a UDP session selected in Debian Chromium
// through the web shell, *Follow newest* on, while a separate process (bench/udp-pace.py) paces
// 512-byte datagrams into it and, in the same run at the same rate, into a raw `dgram` receiver.
// Per flood: Chromium's CPU (every process of the browser), main's CPU, how long after the
// sender's last datagram the on-screen counter shows main's total, and the OS drops of both
// receivers. BENCH_PROFILE=<dir> adds one more 5,000/s flood with the page's CPU profile recorded.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { sourceMapsFrom, summarizeCpuProfile } from './cpuprofile-summary.mjs';

const FLOODS = [
  { id: '6a', rate: 5_000, seconds: 10, goal: 'cpu' },
  { id: '6b', rate: 20_000, seconds: 5, goal: 'latency' },
  { id: '6c', rate: 50_000, seconds: 2, goal: 'loss' },
];
/** How long the counter may take to show main's total before the row says it never did. */
const SHOW_TIMEOUT_MS = 15_000;
/** The idle reference: long enough for a few seconds of /proc ticks (10 ms each). */
const IDLE_MS = 5_000;
const IDLE_SETTLE_MS = 2_000;
/** What this step adds to the bench's hard stop: three floods, their waits, a profiled flood. */
export const WINDOW_BUDGET_MS = 180_000;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const fmt = (n) => n.toLocaleString('en-US');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Every process now: pid → { ppid, cpu } with cpu = utime + stime + cutime + cstime in seconds. */
function processTable() {
  const table = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // comm may hold spaces and parentheses: the fields start after the last ') '.
      const f = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      // Reaped children's time (cutime, cstime) counts too, so a renderer that exits mid-flood is not lost.
      const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      table.set(Number(name), { ppid: Number(f[1]), cpu: ticks / 100 });
    } catch {
      // The process ended between readdir and read.
    }
  }
  return table;
}

/** CPU seconds of the given processes and all their descendants, living ones from /proc. */
function treeCpu(rootPids) {
  const table = processTable();
  const children = new Map();
  for (const [pid, p] of table) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  let total = 0;
  const stack = [...rootPids];
  const seen = new Set();
  while (stack.length > 0) {
    const pid = stack.pop();
    if (seen.has(pid)) continue;
    seen.add(pid);
    total += table.get(pid)?.cpu ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return { cpu: total, processes: seen.size };
}

const childrenOf = (pid) => [...processTable()].filter(([, p]) => p.ppid === pid).map(([child]) => child);

/** The receive queue and drop count of the UDP socket bound on 127.0.0.1:port, from /proc/net/udp. */
function udpSocket(port) {
  const want = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const line of readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f[1] === want) return { rxQueue: parseInt(f[4].split(':')[1], 16), drops: Number(f[f.length - 1]) };
  }
  return undefined;
}

/** Resolve once check() is true (polled every 20 ms) or after timeoutMs; says which. */
async function until(check, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await sleep(20);
  }
  return check();
}

export async function windowRows({ url, shellPid, bridge, row, log, run, waitFor }) {
  // Calls go through short-lived bridge clients: every connected client gets every event batch, so
  // one left open through a flood would double main's encoding work and load the box.
  const call = async (name, args) => {
    const wb = await bridge(url);
    try {
      return await wb.call(name, args);
    } finally {
      wb.close();
    }
  };
  const before = new Set(childrenOf(process.pid));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  // The browser process Playwright spawned; its descendants are the zygotes, renderers, utilities.
  const browserPids = childrenOf(process.pid).filter((pid) => !before.has(pid));
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    await page.goto(url);
    await page
      .getByTestId('status-connection')
      .and(page.locator('[data-state="open"]'))
      .waitFor({ timeout: 15_000 });
    log(`window: Chromium ${browser.version()}, browser pids ${browserPids.join(' ')}`);
    await idleRow({ page, call, shellPid, browserPids, row });
    const flood = (spec, profileDir) =>
      floodOnce({ page, spec, call, shellPid, browserPids, run, waitFor, log, profileDir });
    for (const spec of FLOODS) {
      const name = `${spec.id} Window open: UDP ${fmt(spec.rate)}/s × ${spec.seconds} s of 512 B, session selected, Follow newest`;
      const target = {
        cpu: 'browser + main ≤ 0.4 core',
        latency: 'counter exact ≤ 0.5 s after the last datagram',
        loss: 'OS loss ≤ raw’s + 1 point',
      }[spec.goal];
      try {
        const r = await flood(spec);
        const met = {
          cpu: r.browserCores + r.mainCores <= 0.4,
          latency: r.latency !== undefined && r.latency <= 0.5,
          loss: r.wbLoss <= r.rawLoss + 0.01,
        }[spec.goal];
        row(name, r.text, target, met);
      } catch (err) {
        row(`${name}: failed`, String(err.message ?? err).split('\n')[0], target, false);
      }
    }
    if (process.env.BENCH_PROFILE) {
      const dir = resolve(process.env.BENCH_PROFILE);
      const spec = { ...FLOODS[0], id: '6p' };
      try {
        const r = await flood(spec, dir);
        row(
          `6p   ${fmt(spec.rate)}/s × ${spec.seconds} s again, page CPU profile recorded (the profiler’s cost is in these figures)`,
          `${r.text}; profile ${relative(process.cwd(), r.profileFile)}`,
          '—',
          undefined,
        );
      } catch (err) {
        row('6p profiled flood: failed', String(err.message ?? err).split('\n')[0], '—', false);
      }
    }
  } finally {
    await browser.close();
  }
}

/** What the window costs with a UDP session selected and nothing arriving: the floor under every row. */
async function idleRow({ page, call, shellPid, browserPids, row }) {
  const session = await call('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
  try {
    await page
      .getByTestId('session-item')
      .filter({ hasText: `127.0.0.1:${session.local.port}` })
      .click();
    await page.getByTestId('counter-messages-in').filter({ hasText: /^0$/ }).waitFor({ timeout: 10_000 });
    // The page has just loaded: its start-up work (fonts, first layouts) is not what idle costs.
    await sleep(IDLE_SETTLE_MS);
    const c0 = { at: Date.now(), browser: treeCpu(browserPids).cpu, main: treeCpu([shellPid]).cpu };
    await sleep(IDLE_MS);
    const s = (Date.now() - c0.at) / 1000;
    const browser = (treeCpu(browserPids).cpu - c0.browser) / s;
    const main = (treeCpu([shellPid]).cpu - c0.main) / s;
    row(
      `6  Window open, idle: a UDP session selected, nothing arriving, ${s.toFixed(0)} s (for reference)`,
      `Chromium ${browser.toFixed(2)} cores, main ${main.toFixed(2)} cores; load ${loadAverage()}`,
      '—',
      undefined,
    );
  } finally {
    await call('session.close', { sessionId: session.id }).catch(() => {});
    await call('session.remove', { sessionId: session.id }).catch(() => {});
  }
}

async function floodOnce({ page, spec, call, shellPid, browserPids, run, waitFor, log, profileDir }) {
  const session = await call('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
  const port = session.local.port;
  // The raw receiver asks for the receive buffer the workbench's socket asks for: the two differ
  // in what reads the socket, not in how much the kernel holds for them.
  const asked = session.udp?.receiveBufferSize;
  const raw = run(process.execPath, [
    resolve('bench/raw-peers.mjs'),
    'udp-count',
    ...(asked ? [String(asked)] : []),
  ]);
  try {
    const [, rawPortText, rawGranted] = await waitFor(raw, /PORT (\d+) RCVBUF (\d+)/);
    const rawPort = Number(rawPortText);
    await page
      .getByTestId('session-item')
      .filter({ hasText: `127.0.0.1:${port}` })
      .click();
    await page.getByTestId('log-follow').check();
    await page.getByTestId('counter-messages-in').filter({ hasText: /^0$/ }).waitFor({ timeout: 10_000 });
    // Counter text changes, time-stamped by the page as they happen (no polling).
    await page.evaluate(() => {
      const seen = [];
      const el = document.querySelector('[data-testid="counter-messages-in"]');
      window.benchCounter = { seen, el, onChange: undefined };
      new MutationObserver(() => {
        const text = el.textContent;
        if (text !== seen[seen.length - 1]?.[1]) seen.push([Date.now(), text]);
        window.benchCounter.onChange?.();
      }).observe(el, { childList: true, characterData: true, subtree: true });
    });

    let cdp;
    if (profileDir) {
      cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const drops0 = { wb: udpSocket(port)?.drops ?? 0, raw: udpSocket(rawPort)?.drops ?? 0 };
    const tree0 = treeCpu(browserPids);
    const cpu0 = { at: Date.now(), browser: tree0.cpu, main: treeCpu([shellPid]).cpu };
    const sender = run('python3', [
      resolve('bench/udp-pace.py'),
      '--rate',
      String(spec.rate),
      '--seconds',
      String(spec.seconds),
      `127.0.0.1:${port}`,
      `127.0.0.1:${rawPort}`,
    ]);
    const m = await waitFor(sender, /SENT (\d+) (\d+) (\d+) (\d+)/, (spec.seconds + 30) * 1000);
    const cpuFlood = { browser: treeCpu(browserPids).cpu, main: treeCpu([shellPid]).cpu };
    const [sent, errors, first, last] = m.slice(1).map(Number);
    const wall = (last - first) / 1000;
    // Main has everything once its socket's receive queue is empty: each datagram was read or dropped.
    const drained = await until(
      () => udpSocket(port)?.rxQueue === 0 && udpSocket(rawPort)?.rxQueue === 0,
      10_000,
    );
    const info = (await call('sessions.list', {})).find((s) => s.id === session.id);
    const total = info.counters.messagesIn;
    // The first time the page showed main's total, waiting (for the observer, not polling) up to the limit.
    const shown = await page.evaluate(
      ([want, timeoutMs]) =>
        new Promise((done) => {
          const { seen, el } = window.benchCounter;
          const hit = () => seen.find(([, text]) => Number(text.replace(/\D/g, '')) === want);
          const finish = () => {
            window.benchCounter.onChange = undefined;
            done({ at: hit()?.[0], text: el.textContent, connected: el.isConnected, changes: seen.length });
          };
          if (hit()) return finish();
          window.benchCounter.onChange = () => hit() && finish();
          setTimeout(finish, timeoutMs);
        }),
      [total, SHOW_TIMEOUT_MS],
    );
    // CPU is counted until the counter showed the total (or the wait gave up): catching up is part of the cost.
    const cpu1 = { at: Date.now(), browser: treeCpu(browserPids).cpu, main: treeCpu([shellPid]).cpu };
    let profileFile;
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      mkdirSync(profileDir, { recursive: true });
      profileFile = join(profileDir, `window-${spec.rate}.cpuprofile`);
      writeFileSync(profileFile, JSON.stringify(profile));
      const summary = summarizeCpuProfile(profile, {
        mapFor: sourceMapsFrom(resolve('out/renderer/assets')),
      });
      writeFileSync(join(profileDir, `window-${spec.rate}.summary.txt`), `${summary}\n`);
      log(`window: profile written to ${profileFile}\n${summary.split('\n').slice(0, 26).join('\n')}`);
      await cdp.detach();
    }
    raw.stdin.write('report\n');
    const rawGot = Number((await waitFor(raw, /COUNT (\d+)/, 10_000))[1]);
    const drops = {
      wb: (udpSocket(port)?.drops ?? NaN) - drops0.wb,
      raw: (udpSocket(rawPort)?.drops ?? NaN) - drops0.raw,
    };
    const shownDrops = await page
      .getByTestId('counter-os-drops')
      .textContent({ timeout: 2000 })
      .catch(() => '—');
    const browserCpu = cpu1.browser - cpu0.browser;
    const mainCpu = cpu1.main - cpu0.main;
    const wbLoss = drops.wb / sent;
    const rawLoss = drops.raw / sent;
    const latency = shown.at === undefined ? undefined : (shown.at - last) / 1000;
    const pct = (x) => `${(x * 100).toFixed(1)}%`;
    const load = loadAverage();
    const counterText =
      latency === undefined
        ? `counter never showed main’s ${fmt(total)} within ${SHOW_TIMEOUT_MS / 1000} s (showed ${shown.text}${shown.connected ? '' : ', element replaced'})`
        : `counter showed main’s ${fmt(total)} ${latency.toFixed(2)} s after the last datagram`;
    const text = [
      `sent ${fmt(sent)} per receiver in ${wall.toFixed(2)} s (${fmt(Math.round(sent / wall))}/s)${errors ? `, ${errors} send errors` : ''}`,
      `Chromium (${tree0.processes} processes) ${browserCpu.toFixed(2)} core-s = ${(browserCpu / wall).toFixed(2)} cores, main ${mainCpu.toFixed(2)} core-s = ${(mainCpu / wall).toFixed(2)} cores (counted over ${((cpu1.at - cpu0.at) / 1000).toFixed(1)} s, until the counter caught up or the wait gave up, per second of flood; during the flood alone ${((cpuFlood.browser - cpu0.browser) / wall).toFixed(2)} and ${((cpuFlood.main - cpu0.main) / wall).toFixed(2)} cores)`,
      counterText,
      `OS drops ${fmt(drops.wb)} = ${pct(wbLoss)} (counter-os-drops ${shownDrops}; sent − main’s count ${fmt(sent - total)}) vs raw dgram ${fmt(drops.raw)} = ${pct(rawLoss)} (sent − received ${fmt(sent - rawGot)}), SO_RCVBUF ${session.udp?.receiveBufferGranted ?? '?'} B vs ${rawGranted} B`,
      `load ${load}${drained ? '' : '; receive queue not drained in 10 s'}`,
    ].join('; ');
    return {
      text,
      browserCores: browserCpu / wall,
      mainCores: mainCpu / wall,
      latency,
      wbLoss,
      rawLoss,
      profileFile,
    };
  } finally {
    raw.kill();
    await call('session.close', { sessionId: session.id }).catch(() => {});
    await call('session.remove', { sessionId: session.id }).catch(() => {});
  }
}
