// docs/bench.md, written by `npm run bench` at the end of every run: the machine it ran on, how
// loaded that machine was, and the rows table, so the figures in the docs are the last run's and
// say where they came from. BENCH_DOC=<path> writes elsewhere; BENCH_DOC=0 writes nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release } from 'node:os';

const loadAverage = () => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return '?';
  }
};

/** The load average when the bench started (this module is imported then). */
export const loadAtStart = loadAverage();

function chromiumVersion() {
  const path = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : '');
  if (!path) return 'none (Playwright’s own)';
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return (r.stdout ?? '').trim().split('\n')[0] || '?';
}

/** `rows`: what row() collected; `only`: BENCH_ONLY, when the run was partial. Returns the path written. */
export function writeBenchDoc(rows, { only, seconds }) {
  const path = process.env.BENCH_DOC ?? 'docs/bench.md';
  if (path === '0' || path === '') return undefined;
  const cpu =
    (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/) ?? [])[1] ??
    cpus()[0]?.model ??
    '?';
  const cell = (text) => String(text).replace(/\|/g, '\\|');
  const lines = [
    '# Benchmark',
    '',
    '<!-- Written by `npm run bench` (scripts/bench.mjs) at the end of each run — do not edit by hand. -->',
    '',
    `- Machine: ${cpu.trim()}, ${cpus().length} CPUs, Linux ${release()}, Node ${process.version}, ${chromiumVersion()}`,
    `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}; load average (1, 5, 15 min) ${loadAtStart} at the start, ${loadAverage()} at the end`,
    only
      ? `- Partial run: \`BENCH_ONLY=${only}\`, so only these rows.`
      : `- Full run: all rows, ${seconds} s.`,
    '',
    '| Row | Measured | Target | Met |',
    '| --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${cell(r.name)} | ${cell(r.measured)} | ${cell(r.target)} | ${r.met === undefined ? '—' : r.met ? 'met' : 'not met'} |`,
    ),
    '',
    'Re-run: `npm run bench` (builds first if `out/` is missing; writes this file). One step only:',
    '`BENCH_ONLY=window npm run bench` (steps: tcp, udp, echo, browser, window). A CPU profile of the',
    'page during the 5,000/s window flood: `BENCH_PROFILE=<dir> npm run bench` (build with',
    '`npx electron-vite build --sourcemap` first to get source file names in its summary).',
    '',
  ];
  writeFileSync(path, lines.join('\n'));
  // Formatted as the repository's other docs are, so `npm run lint` stays clean after a run.
  try {
    execFileSync('node_modules/.bin/prettier', ['--write', '--log-level', 'warn', path]);
  } catch {
    // Unformatted is still right; prettier missing is no reason to lose the table.
  }
  return path;
}
