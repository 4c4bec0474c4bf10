// Bench rows "CLI flood" (issue 16): `socket-workbench flood udp` against Packet Sender's own
// traffic generator at the same requested rate, both counted by the same raw Node
// dgram receiver in the same run. Run by scripts/bench.mjs, or alone:
// `node scripts/bench-cli.mjs` (after `npm run build`).
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Requested rates, datagrams/s: the target holds up to 100,000/s. */
const RATES = (process.env.BENCH_FLOOD_RATES ?? '10000,100000').split(',').map(Number);
/** Seconds each generator runs, counted from the first datagram the receiver gets. */
const SECONDS = Number(process.env.BENCH_CLI_FLOOD_SECONDS ?? 3);
const SIZE = 64;

/**
 * The raw receiver: a bare dgram socket in its own process (its own core), counting
 * datagrams and the times of the first and last. Asked on stdin, it answers on stdout.
 */
const RECEIVER = `
const dgram = require('node:dgram');
const s = dgram.createSocket({ type: 'udp4', recvBufferSize: 8 * 1024 * 1024 });
let n = 0, first = 0, last = 0;
s.on('message', () => { const t = performance.now(); if (n === 0) first = t; last = t; n += 1; });
s.bind(0, '127.0.0.1', () => console.log('PORT ' + s.address().port));
process.stdin.on('data', () => console.log('COUNT ' + n + ' ' + first + ' ' + last + ' ' + performance.now()));
process.stdin.on('end', () => process.exit(0));
`;

function start(command, args, env) {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  child.out = '';
  child.stdout.on('data', (c) => (child.out += c.toString()));
  child.stderr.on('data', (c) => (child.out += c.toString()));
  child.exited = new Promise((done) => child.once('exit', done));
  return child;
}

/** The next line of `child`'s output matching `re`, after `from` characters; bounded. */
function line(child, re, from = 0, timeoutMs = 15_000) {
  return new Promise((done, fail) => {
    const check = () => {
      const m = re.exec(child.out.slice(from));
      if (!m) return;
      clearTimeout(timer);
      child.stdout.off('data', check);
      done(m);
    };
    const timer = setTimeout(() => {
      child.stdout.off('data', check);
      fail(new Error(`no ${re} from the receiver: ${child.out.slice(-300)}`));
    }, timeoutMs);
    child.stdout.on('data', check);
    check();
  });
}

async function count(receiver) {
  const from = receiver.out.length;
  receiver.stdin.write('?\n');
  const m = await line(receiver, /COUNT (\d+) ([\d.]+) ([\d.]+) ([\d.]+)\n/, from);
  return { n: Number(m[1]), first: Number(m[2]), last: Number(m[3]), now: Number(m[4]) };
}

/**
 * Runs one generator against a fresh receiver: lets it send for SECONDS from its
 * first datagram (stopping it then if it has not stopped by itself), waits until
 * the receiver has drained its buffer, and returns datagrams delivered per second
 * between the first and last arrival.
 */
async function delivered(command, argsFor, env) {
  const receiver = start(process.execPath, ['-e', RECEIVER]);
  try {
    const port = Number((await line(receiver, /PORT (\d+)/))[1]);
    const sender = start(command, argsFor(port), env);
    // Wait for the first datagram (both tools take a moment to start), bounded.
    let c = await count(receiver);
    for (let i = 0; c.n === 0 && i < 100 && sender.exitCode === null; i += 1) {
      await new Promise((done) => setTimeout(done, 100));
      c = await count(receiver);
    }
    const stopped = await Promise.race([
      sender.exited.then(() => true),
      new Promise((done) => setTimeout(() => done(false), SECONDS * 1000 + 200)),
    ]);
    if (!stopped) {
      sender.kill('SIGINT');
      await Promise.race([sender.exited, new Promise((done) => setTimeout(done, 2000))]);
      sender.kill('SIGKILL');
    }
    // Drained when two looks 200 ms apart see the same count.
    let before = await count(receiver);
    for (let i = 0; i < 25; i += 1) {
      await new Promise((done) => setTimeout(done, 200));
      const now = await count(receiver);
      if (now.n === before.n) break;
      before = now;
    }
    const span = (before.last - before.first) / 1000;
    const rate = before.n > 1 && span > 0 ? (before.n - 1) / span : 0;
    return { rate, n: before.n, span, report: sender.out.trim().split('\n').slice(-4).join(' / ') };
  } finally {
    receiver.stdin.end();
    receiver.kill();
  }
}

/** The machine's ceiling in the same run: a bare dgram socket sending flat out, no pacing, no callbacks. */
const RAW_SENDER = `
const dgram = require('node:dgram');
const [port, seconds, size] = process.argv.slice(1).map(Number);
const s = dgram.createSocket('udp4');
const bytes = Buffer.alloc(size, 'x');
s.connect(port, '127.0.0.1', async () => {
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 256; i += 1) s.send(bytes);
    await new Promise((done) => setImmediate(done));
  }
  s.close();
});
`;

const fmt = (n) => Math.round(n).toLocaleString('en-US');

function packetSenderInstalled() {
  const r = spawnSync('packetsender', ['--version'], {
    env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' },
    timeout: 15_000,
  });
  return r.error === undefined;
}

/** Adds the rows through `row(name, measured, target, met)`, bench.mjs's own. */
export async function cliFloodRows(row, log = console.error) {
  const name = (rate) => `CLI flood udp at ${fmt(rate)}/s → raw receiver (ours vs Packet Sender)`;
  const havePs = packetSenderInstalled();
  if (!havePs)
    log(
      'packetsender is not installed (apt-get install -y packetsender): its half of the CLI flood rows is skipped',
    );
  const cli = resolve('bin/socket-workbench.mjs');
  const payload = 'x'.repeat(SIZE);
  const ceiling = await delivered(process.execPath, (port) => [
    '-e',
    RAW_SENDER,
    String(port),
    String(SECONDS),
    String(SIZE),
  ]);
  log(`raw dgram sender flat out: ${ceiling.n} delivered in ${ceiling.span.toFixed(3)} s`);
  for (const rate of RATES) {
    const ours = await delivered(process.execPath, (port) => [
      cli,
      'flood',
      'udp',
      `127.0.0.1:${port}`,
      payload,
      '--rate',
      String(rate),
      '--duration',
      String(SECONDS * 1000),
    ]);
    log(`flood udp ${fmt(rate)}/s: ${ours.n} delivered in ${ours.span.toFixed(3)} s; ${ours.report}`);
    // Packet Sender stops after --num or when stopped; --num covers the run at the requested rate.
    const theirs = havePs
      ? await delivered(
          'packetsender',
          (port) => [
            '-u',
            '-A',
            '--rate',
            String(rate),
            '--num',
            String(rate * SECONDS),
            '127.0.0.1',
            String(port),
            payload,
          ],
          { QT_QPA_PLATFORM: 'offscreen' },
        )
      : undefined;
    if (theirs)
      log(
        `packetsender ${fmt(rate)}/s: ${theirs.n} delivered in ${theirs.span.toFixed(3)} s; ${theirs.report}`,
      );
    const share = ours.rate / rate;
    const measured =
      `ours ${fmt(ours.rate)}/s (${(share * 100).toFixed(1)}% of requested), ` +
      (theirs
        ? `Packet Sender ${fmt(theirs.rate)}/s`
        : 'Packet Sender skipped: not installed (apt-get install packetsender)') +
      `; this machine's ceiling (bare dgram sender flat out): ${fmt(ceiling.rate)}/s`;
    const met = share >= 0.9 && (theirs === undefined || ours.rate >= theirs.rate);
    row(name(rate), measured, '≥ 90% of requested and ≥ Packet Sender', met);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = [];
  await cliFloodRows((name, measured, target, met) => {
    rows.push(`| ${name} | ${measured} | ${target} | ${met ? 'met' : 'not met'} |`);
    console.error(`${name}: ${measured} (target ${target}) ${met ? 'met' : 'NOT met'}`);
  });
  console.log(['| Row | Measured | Target | Met |', '| --- | --- | --- | --- |', ...rows].join('\n'));
}
