#!/usr/bin/env node
/* global window, document, requestAnimationFrame -- page code run by Playwright */
// `npm run bench`: the issue-7 benchmark, on loopback, in one run. Each row is a
// ratio against a raw baseline measured in the same run (or an absolute limit),
// with its target and whether it was met. Everything is bounded in size and
// time; the whole run stays under 8 minutes on 2 cores. It writes its table to docs/bench.md too.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { decode, encode } from '@msgpack/msgpack';
import { chromium } from '@playwright/test';
import WebSocket from 'ws';
import { loadAtStart, writeBenchDoc } from './bench-doc.mjs';
import { WINDOW_BUDGET_MS, windowRows } from './bench-window.mjs';
import { ENGINE_V8_FLAGS } from './engine-flags.mjs';
import { cliFloodRows } from './bench-cli.mjs';

const GIB = 1024 ** 3;
const TCP_BYTES = Number(process.env.BENCH_TCP_BYTES ?? GIB);
const UDP_COUNT = 200_000;
const FLOOD_RATE = 50 * 1024 * 1024;
const FLOOD_SECONDS = Number(process.env.BENCH_FLOOD_SECONDS ?? 20);
const ECHO_ROUNDS = 2000;
const LOG_ENTRIES = 1_000_000;
/** Rows 1, 2 and 4 run raw and workbench this many times, alternating which goes first; medians are compared. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const started = Date.now();
const children = new Set();

const log = (...args) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s]`, ...args);

function run(command, args) {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  child.out = '';
  child.stdout.on('data', (c) => (child.out += c.toString()));
  child.stderr.on('data', (c) => (child.out += c.toString()));
  return child;
}

/** Resolve with the first match of `re` in the child's output. */
function waitFor(child, re, timeoutMs = 60_000) {
  return new Promise((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`timeout waiting for ${re}:\n${child.out.slice(-2000)}`)),
      timeoutMs,
    );
    const check = () => {
      const m = re.exec(child.out);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', check);
        done(m);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', () =>
      setTimeout(() => {
        clearTimeout(timer);
        const m = re.exec(child.out);
        if (m) done(m);
        else fail(new Error(`exited:\n${child.out.slice(-2000)}`));
      }, 10),
    );
    check();
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc; undefined where there is none. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

const median = (values) => percentile(values, 50);

/** Run raw() and workbench() `ROUNDS` times each, alternating which goes first, so drift hits both alike. */
async function alternate(rawRun, workbenchRun) {
  const raws = [];
  const workbenches = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    if (i % 2 === 0) {
      raws.push(await rawRun());
      workbenches.push(await workbenchRun());
    } else {
      workbenches.push(await workbenchRun());
      raws.push(await rawRun());
    }
  }
  return { raws, workbenches };
}

const peer = (...args) => run(process.execPath, [resolve('e2e/peers/flood.mjs'), ...args]);
const raw = (...args) => run(process.execPath, [resolve('bench/raw-peers.mjs'), ...args]);

/** The bench's own client of the web shell: the same MessagePack-over-WebSocket bridge the browser uses. */
async function bridge(url) {
  const u = new URL(url);
  const ws = new WebSocket(`ws://${u.host}/bridge?token=${u.searchParams.get('token')}`, {
    origin: u.origin,
  });
  await new Promise((done, fail) => {
    ws.once('open', done);
    ws.once('error', fail);
  });
  let nextId = 0;
  const pending = new Map();
  const listeners = new Set();
  ws.on('message', (data) => {
    const frame = decode(data);
    if (frame.k === 'result') pending.get(frame.id)?.(frame.result);
    else for (const l of listeners) l(frame.events);
  });
  return {
    async call(name, args) {
      const id = ++nextId;
      const result = await new Promise((done) => {
        pending.set(id, done);
        ws.send(encode({ k: 'call', id, name, args }));
      });
      pending.delete(id);
      if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      ws.close();
    },
  };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const rows = [];
/** `met` undefined: a figure for comparison, with no target of its own. */
function row(name, measured, target, met) {
  rows.push({ name, measured, target, met });
  const verdict = met === undefined ? 'info' : met ? 'met' : 'NOT met';
  log(`${name}: ${measured} (target ${target}) ${verdict}`);
}

// ---------------------------------------------------------------------------

async function tcpIngest(wb, shellPid) {
  const sendTo = (port) =>
    peer('tcp', '127.0.0.1', String(port), '--bytes', String(TCP_BYTES), '--seconds', '60');
  // Raw: a plain net server in its own process counting bytes.
  const rawOnce = async () => {
    const server = raw('tcp-count', String(TCP_BYTES));
    const port = (await waitFor(server, /PORT (\d+)/))[1];
    const t0 = performance.now();
    const sender = sendTo(port);
    await waitFor(server, /DONE/, 90_000);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = cpuSeconds(server.pid);
    server.kill();
    await waitFor(sender, /SENT/, 10_000).catch(() => {});
    return { seconds, cpu };
  };
  // Workbench: a TCP server session; the time until its client's counter reaches the total.
  const workbenchOnce = async () => {
    const server = await wb.call('tcp.listen', { address: '127.0.0.1', port: 0 });
    const reached = new Promise((done) => {
      const off = wb.on((events) => {
        if (events.some((e) => e.type === 'data' && e.counters.bytesIn >= TCP_BYTES)) {
          off();
          done(performance.now());
        }
      });
    });
    const cpu0 = cpuSeconds(shellPid);
    const t0 = performance.now();
    const sender = sendTo(server.local.port);
    const t1 = await Promise.race([
      reached,
      new Promise((_, f) =>
        setTimeout(() => f(new Error('TCP ingest: workbench did not reach the total in 90 s')), 90_000),
      ),
    ]);
    const cpu = cpuSeconds(shellPid) - cpu0;
    await waitFor(sender, /SENT/, 10_000).catch(() => {});
    await wb.call('session.close', { sessionId: server.id });
    return { seconds: (t1 - t0) / 1000, cpu };
  };
  const { raws, workbenches } = await alternate(rawOnce, workbenchOnce);
  const rawSeconds = median(raws.map((r) => r.seconds));
  const wbSeconds = median(workbenches.map((r) => r.seconds));
  const ratio = rawSeconds / wbSeconds;
  const mbps = (s) => `${(TCP_BYTES / s / 1e6).toFixed(0)} MB/s`;
  const rawCpu = median(raws.map((r) => r.cpu));
  const wbCpu = median(workbenches.map((r) => r.cpu));
  const cpu = Number.isFinite(rawCpu + wbCpu) ? `; CPU ${wbCpu.toFixed(2)} s vs ${rawCpu.toFixed(2)} s` : '';
  row(
    `1 TCP ingest 1 GiB (rate vs raw net server, median of ${ROUNDS})`,
    `${ratio.toFixed(2)} (${mbps(wbSeconds)} vs ${mbps(rawSeconds)}${cpu})`,
    '≥ 0.90',
    ratio >= 0.9,
  );
}

async function udpIngest(wb) {
  const sendAll = async (port) => {
    const p = peer(
      'udp',
      '127.0.0.1',
      String(port),
      '--count',
      String(UDP_COUNT),
      '--chunk',
      '512',
      '--seconds',
      '20',
    );
    const t0 = performance.now();
    const m = await waitFor(p, /SENT (\d+) (\d+)/, 40_000);
    return { seconds: (performance.now() - t0) / 1000, sent: Number(m[2]) };
  };
  // What arrived, counted half a second after the sender stopped: the socket buffer has drained by then.
  const settle = () => new Promise((r) => setTimeout(r, 500));
  const result = (got, run) => ({ rate: got / run.seconds, loss: 1 - got / run.sent });
  const rawOnce = async () => {
    const receiver = raw('udp-count');
    const port = (await waitFor(receiver, /PORT (\d+)/))[1];
    const run = await sendAll(port);
    await settle();
    receiver.stdin.write('report\n');
    const got = Number((await waitFor(receiver, /COUNT (\d+)/))[1]);
    receiver.kill();
    return result(got, run);
  };
  const workbenchOnce = (receiveBufferSize) => async () => {
    let session = await wb.call('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
    if (receiveBufferSize)
      session = await wb.call('udp.configure', { sessionId: session.id, receiveBufferSize });
    const run = await sendAll(session.local.port);
    await settle();
    const list = await wb.call('sessions.list', {});
    const got = list.find((s) => s.id === session.id).counters.messagesIn;
    await wb.call('session.close', { sessionId: session.id });
    return { ...result(got, run), granted: session.udp.receiveBufferGranted };
  };
  const summary = (raws, workbenches) => {
    const rawRate = median(raws.map((r) => r.rate));
    const wbRate = median(workbenches.map((r) => r.rate));
    const rawLoss = median(raws.map((r) => r.loss));
    const wbLoss = median(workbenches.map((r) => r.loss));
    const ratio = wbRate / rawRate;
    return {
      // What the kernel granted (Linux: at most twice net.core.rmem_max) decides how much of a burst waits.
      text: `${ratio.toFixed(2)} (${Math.round(wbRate)}/s vs ${Math.round(rawRate)}/s; loss ${(wbLoss * 100).toFixed(1)}% vs ${(rawLoss * 100).toFixed(1)}%; SO_RCVBUF granted ${workbenches[0].granted} B)`,
      // "No more loss": within half a percentage point, the noise between two runs of the same sender.
      met: ratio >= 0.9 && wbLoss <= rawLoss + 0.005,
    };
  };
  const measured = await alternate(rawOnce, workbenchOnce());
  const main = summary(measured.raws, measured.workbenches);
  row(
    `2 UDP ingest 200k × 512 B (datagrams/s vs raw dgram, median of ${ROUNDS})`,
    main.text,
    '≥ 0.90, loss ≤ raw',
    main.met,
  );
  // For comparison: the session with the receive buffer the raw receiver has (the OS default),
  // which shows what the code path costs apart from the 4 MiB SO_RCVBUF the workbench asks for.
  const osDefault = existsSync('/proc/sys/net/core/rmem_default')
    ? Number(readFileSync('/proc/sys/net/core/rmem_default', 'utf8'))
    : undefined;
  if (osDefault) {
    // A socket nobody configured holds rmem_default; setsockopt() asks for half as Linux doubles it.
    const same = await alternate(rawOnce, workbenchOnce(osDefault / 2));
    row(
      `2b   the same with the raw receiver's SO_RCVBUF (the OS default), for comparison`,
      summary(same.raws, same.workbenches).text,
      '—',
      undefined,
    );
  }
}

async function echoRtt(wb) {
  const measure = async (port) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setNoDelay(true);
    await new Promise((done) => socket.once('connect', done));
    const message = Buffer.alloc(64, 0x61);
    const times = [];
    for (let i = 0; i < ECHO_ROUNDS; i += 1) {
      const t0 = performance.now();
      await new Promise((done) => {
        let got = 0;
        const onData = (c) => {
          got += c.length;
          if (got >= message.length) {
            socket.off('data', onData);
            done();
          }
        };
        socket.on('data', onData);
        socket.write(message);
      });
      times.push(performance.now() - t0);
    }
    socket.destroy();
    return times;
  };
  const rawOnce = async () => {
    const server = raw('tcp-echo');
    const port = Number((await waitFor(server, /PORT (\d+)/))[1]);
    const times = await measure(port);
    server.kill();
    return times;
  };
  const workbenchOnce = async () => {
    const server = await wb.call('tcp.listen', { address: '127.0.0.1', port: 0 });
    await wb.call('session.setAutoReply', {
      sessionId: server.id,
      config: { echo: true, encoding: 'utf-8', rules: [] },
    });
    const times = await measure(server.local.port);
    await wb.call('session.close', { sessionId: server.id });
    return times;
  };
  // Loopback latency is bimodal on 2 cores (about 50 or 90 µs, by where the scheduler puts the two
  // ends), so both servers are measured in alternating runs and all round trips pooled.
  const { raws, workbenches } = await alternate(rawOnce, workbenchOnce);
  const rawMs = median(raws.flat());
  const wbMs = median(workbenches.flat());
  const ratio = wbMs / rawMs;
  row(
    `4 Echo round trip, 64 B × ${ECHO_ROUNDS} × ${ROUNDS} (median vs raw echo)`,
    `${ratio.toFixed(2)}× (${(wbMs * 1000).toFixed(0)} µs vs ${(rawMs * 1000).toFixed(0)} µs)`,
    '≤ 1.5×',
    ratio <= 1.5,
  );
}

const chromiumPath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

async function browserRows(wb, url) {
  const browser = await chromium.launch({
    ...(chromiumPath ? { executablePath: chromiumPath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--enable-precise-memory-info',
      '--disable-background-timer-throttling',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    await page.addInitScript(() => {
      localStorage.setItem('workbench.bench', '1');
      const frames = [];
      window.benchFrames = frames;
      let last = performance.now();
      const tick = (now) => {
        frames.push(now - last);
        last = now;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.goto(url);
    await page
      .getByTestId('status-connection')
      .and(page.locator('[data-state="open"]'))
      .waitFor({ timeout: 15_000 });

    // --- 3: a 50 MB/s flood for 20 s into the real renderer.
    const server = await wb.call('tcp.listen', { address: '127.0.0.1', port: 0 });
    await page
      .getByTestId('session-item')
      .filter({ hasText: `127.0.0.1:${server.local.port}` })
      .click();
    const flood = peer(
      'tcp',
      '127.0.0.1',
      String(server.local.port),
      '--rate',
      String(FLOOD_RATE),
      '--seconds',
      String(FLOOD_SECONDS),
      '--chunk',
      '16384',
    );
    await page.getByTestId('client-row').click({ timeout: 10_000 });
    await page.evaluate(() => {
      window.benchFrames.length = 0;
    });
    const sent = Number((await waitFor(flood, /SENT (\d+)/, (FLOOD_SECONDS + 20) * 1000))[1]);
    const frames = await page.evaluate(() => window.benchFrames.slice());
    const counterText = async () =>
      Number(((await page.getByTestId('counter-bytes-in').textContent()) ?? '').replace(/,/g, ''));
    let shown = await counterText();
    for (let i = 0; i < 100 && shown !== sent; i += 1) {
      await page.waitForTimeout(100);
      shown = await counterText();
    }
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
    // JS heap plus the ArrayBuffers behind payload bytes (outside the V8 heap proper), where reported.
    const usage = await cdp.send('Runtime.getHeapUsage');
    const heap = (usage.usedSize + (usage.backingStorageSize ?? 0)) / 1e6;
    const p95 = percentile(frames, 95);
    row(
      `3a Flood 50 MB/s × ${FLOOD_SECONDS} s in Chromium: UI counter exact`,
      `${shown === sent ? 'exact' : 'WRONG'} (${shown} of ${sent} B)`,
      'exact',
      shown === sent,
    );
    row(
      '3b   p95 frame time during the flood',
      `${p95.toFixed(1)} ms (${frames.length} frames)`,
      '≤ 50 ms',
      p95 <= 50,
    );
    row('3c   renderer JS heap after the flood', `${heap.toFixed(0)} MB`, '≤ 300 MB', heap <= 300);
    await wb.call('session.close', { sessionId: server.id });

    // --- 5: a million-entry log, scrolled from top to bottom.
    const udp = await wb.call('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
    await page
      .getByTestId('session-item')
      .filter({ hasText: `127.0.0.1:${udp.local.port}` })
      .click();
    await page.getByTestId('log-capacity').selectOption(String(LOG_ENTRIES));
    const held = await page.evaluate(([id, n]) => window.workbenchBench.fill(id, n), [udp.id, LOG_ENTRIES]);
    await page.getByTestId('log-row').first().waitFor();
    const scroll = await page.evaluate(async () => {
      const el = document.querySelector('[data-testid="log-view"]');
      const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
      el.scrollTop = 0;
      await frame();
      await frame();
      const steps = 200;
      const deltas = [];
      const t0 = performance.now();
      let last = t0;
      for (let i = 1; i <= steps; i += 1) {
        el.scrollTop = Math.ceil((i / steps) * (el.scrollHeight - el.clientHeight));
        const now = await frame();
        deltas.push(now - last);
        last = now;
      }
      await frame();
      const rows = [...document.querySelectorAll('[data-testid="log-row"]')].map((r) =>
        Number(r.dataset.seq),
      );
      return { ms: performance.now() - t0, deltas, lastSeq: Math.max(...rows) };
    });
    const p95scroll = percentile(scroll.deltas, 95);
    const ok = held === LOG_ENTRIES && scroll.lastSeq === LOG_ENTRIES && p95scroll <= 50;
    row(
      '5 Scroll a 1,000,000-entry log top → bottom (200 steps)',
      `${(scroll.ms / 1000).toFixed(2)} s, p95 frame ${p95scroll.toFixed(1)} ms, last row #${scroll.lastSeq}`,
      'reaches the last entry, p95 ≤ 50 ms',
      ok,
    );
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------

async function main() {
  if (!existsSync('out/main/web.js') || !existsSync('out/renderer/index.html')) {
    log('building (electron-vite build)…');
    const b = spawnSync(resolve('node_modules/.bin/electron-vite'), ['build'], { stdio: 'inherit' });
    if (b.status !== 0) throw new Error('build failed');
  }
  // The shell runs as `npm start` runs it; BENCH_SHELL_NODE_ARGS="--cpu-prof" adds profiling.
  const nodeArgs = process.env.BENCH_SHELL_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const shell = run(process.execPath, [
    ...ENGINE_V8_FLAGS,
    ...nodeArgs,
    resolve('out/main/web.js'),
    '--port',
    '0',
  ]);
  const url = (await waitFor(shell, /(http:\/\/\S+\?token=\S+)/, 15_000))[1];
  let wb = await bridge(url);
  const steps = [
    ['TCP ingest', () => tcpIngest(wb, shell.pid)],
    ['UDP ingest', () => udpIngest(wb)],
    ['echo', () => echoRtt(wb)],
    ['browser', () => browserRows(wb, url)],
    // Issue 13's window-open rows (scripts/bench-window.mjs). Every bridge client gets every event
    // batch, so ours is closed while they run: main serves the page alone, as for a user.
    [
      'window',
      async () => {
        wb.close();
        try {
          await windowRows({ url, shellPid: shell.pid, bridge, row, log, run, waitFor });
        } finally {
          wb = await bridge(url);
        }
      },
    ],
    ['CLI flood', () => cliFloodRows(row, log)],
  ];
  // BENCH_ONLY=udp,browser runs just those steps (while working on one row).
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim().toLowerCase());
  for (const [name, step] of steps) {
    if (only && !only.some((o) => name.toLowerCase().includes(o))) continue;
    try {
      await step();
    } catch (err) {
      row(`${name}: failed`, String(err.message ?? err).split('\n')[0], '—', false);
    }
  }
  wb.close();
  // Let the shell exit by itself (a --cpu-prof profile is written on exit); the finally kills what is left.
  const exited = new Promise((done) => shell.once('exit', done));
  shell.kill();
  await Promise.race([exited, new Promise((done) => setTimeout(done, 3000))]);

  const cpu =
    (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/) ?? [])[1] ??
    cpus()[0]?.model ??
    '?';
  const lines = [
    `Machine: ${cpus().length} CPUs (nproc), ${cpu.trim()}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
    '',
    '| Row | Measured | Target | Met |',
    '| --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.measured} | ${r.target} | ${r.met === undefined ? '—' : r.met ? 'met' : 'not met'} |`,
    ),
    '',
    `Total bench time: ${((Date.now() - started) / 1000).toFixed(0)} s`,
  ];
  console.log(lines.join('\n'));
  const doc = writeBenchDoc(rows, {
    only: process.env.BENCH_ONLY,
    seconds: ((Date.now() - started) / 1000).toFixed(0),
  });
  log(`load average ${loadAtStart} at the start${doc ? `; table written to ${doc}` : ''}`);
}

const hardStopMs = 290_000 + WINDOW_BUDGET_MS;
const hardStop = setTimeout(() => {
  log(`bench exceeded ${hardStopMs / 1000} s: stopping`);
  for (const c of children) c.kill('SIGKILL');
  process.exit(1);
}, hardStopMs);
main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    clearTimeout(hardStop);
    for (const c of children) c.kill('SIGKILL');
  });
