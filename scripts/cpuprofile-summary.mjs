#!/usr/bin/env node
// A short text summary of a V8 .cpuprofile (what CDP Profiler.stop returns, and what
// `BENCH_PROFILE=<dir> npm run bench` writes): the top functions by self time with their
// url:line, and the total self time by script. Where the script was built with source maps
// (`npx electron-vite build --sourcemap`), positions are mapped back to the original files, so
// the minified bundle turns into src-renderer/… and node_modules/… lines.
//   node scripts/cpuprofile-summary.mjs <file.cpuprofile> [--assets out/renderer/assets] [--top 20]
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const CALLER_DEPTH = 4;

/** A lookup from a served script URL to its source map, read from the build's assets folder. */
export function sourceMapsFrom(assetsDir) {
  const cache = new Map();
  return (url) => {
    if (!url) return undefined;
    let name;
    try {
      name = basename(new URL(url).pathname);
    } catch {
      return undefined;
    }
    if (!cache.has(name)) {
      const file = join(assetsDir, `${name}.map`);
      cache.set(name, existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8'))) : undefined);
    }
    return cache.get(name);
  };
}

/** Where a call frame's function starts, mapped back through a source map when there is one. */
function place(frame, mapFor) {
  const url = frame.url ?? '';
  const line = frame.lineNumber ?? -1;
  const column = frame.columnNumber ?? -1;
  const served = url ? `${url.replace(/^https?:\/\/[^/]+/, '')}:${line + 1}:${column + 1}` : '';
  const map = line >= 0 ? mapFor?.(url) : undefined;
  const entry = map?.findEntry(line, column);
  if (entry && entry.originalSource) {
    // Paths in the map are relative to the bundle (../../node_modules/…, ../src/…): keep the tail.
    const source = entry.originalSource
      .replace(/^.*?\/node_modules\//, 'node_modules/')
      .replace(/^.*?\/src-renderer\//, 'src-renderer/')
      .replace(/^(\.\.\/)+/, '');
    return { file: source, where: `${source}:${entry.originalLine + 1}`, name: entry.name, served };
  }
  return { file: url ? url.replace(/^https?:\/\/[^/]+/, '') : '', where: served, served };
}

/**
 * Self time per function and per file, in ms. Each sample's time is the gap to the next sample
 * (timeDeltas[i + 1]), as DevTools counts it.
 */
export function summarizeCpuProfile(profile, { mapFor, top = 20 } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  const { samples = [], timeDeltas = [] } = profile;
  for (let i = 0; i < samples.length; i += 1) {
    const dt = timeDeltas[i + 1] ?? 0;
    selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + Math.max(0, dt));
  }
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const functions = new Map();
  const files = new Map();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame ?? {};
    totalUs += us;
    const p = place(frame, mapFor);
    const name = frame.functionName || '(anonymous)';
    const key = `${name}\u0000${p.where}`;
    const f = functions.get(key) ?? {
      name,
      original: p.name,
      where: p.where,
      served: p.served,
      us: 0,
      callers: new Map(),
    };
    f.us += us;
    // The stack above this node (up to CALLER_DEPTH frames): who makes the hot function hot.
    const chain = [];
    for (let up = parent.get(id); up !== undefined && chain.length < CALLER_DEPTH; up = parent.get(up)) {
      const cf = byId.get(up)?.callFrame ?? {};
      if (cf.functionName === '(root)') break;
      chain.push(`${cf.functionName || '(anonymous)'} ${place(cf, mapFor).where}`);
    }
    const path = chain.join(' ← ') || '(top)';
    f.callers.set(path, (f.callers.get(path) ?? 0) + us);
    functions.set(key, f);
    // (program), (idle), (garbage collector): no script; they get their own line.
    const fileKey = p.file || name;
    files.set(fileKey, (files.get(fileKey) ?? 0) + us);
  }
  const ms = (us) => (us / 1000).toFixed(1).padStart(8);
  const pct = (us) => `${((100 * us) / (totalUs || 1)).toFixed(1).padStart(5)}%`;
  const wall = ((profile.endTime - profile.startTime) / 1e6).toFixed(2);
  const lines = [
    `CPU profile: ${wall} s of wall time, ${samples.length} samples, ${(totalUs / 1000).toFixed(0)} ms sampled.`,
    '',
    `Top ${top} functions by self time (ms, share of sampled time, function, where it starts):`,
  ];
  const ranked = [...functions.values()].sort((a, b) => b.us - a.us);
  for (const f of ranked.slice(0, top)) {
    const alias = f.original && f.original !== f.name ? ` (${f.original})` : '';
    const served = f.served && f.served !== f.where ? `  [${f.served}]` : '';
    lines.push(`${ms(f.us)} ${pct(f.us)}  ${f.name}${alias}  ${f.where}${served}`);
  }
  const hot = ranked.filter((f) => f.where).slice(0, 3);
  lines.push(
    '',
    `Called from (the ${hot.length} hottest script functions; stacks of up to ${CALLER_DEPTH} callers):`,
  );
  for (const f of hot) {
    lines.push(`  ${f.name}  ${f.where}`);
    for (const [path, us] of [...f.callers].sort((a, b) => b[1] - a[1]).slice(0, 3)) {
      lines.push(`  ${ms(us)} ${pct(us)}  ← ${path}`);
    }
  }
  lines.push('', 'Self time by file (ms, share):');
  for (const [file, us] of [...files].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    lines.push(`${ms(us)} ${pct(us)}  ${file}`);
  }
  return lines.join('\n');
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (!file) {
    console.error('usage: node scripts/cpuprofile-summary.mjs <file.cpuprofile> [--assets dir] [--top n]');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const mapFor = sourceMapsFrom(opt('assets', 'out/renderer/assets'));
  console.log(summarizeCpuProfile(profile, { mapFor, top: Number(opt('top', 20)) }));
}
