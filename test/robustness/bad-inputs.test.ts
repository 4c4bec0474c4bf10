/**
 * Runs every row of the bad-input table (./bad-inputs.table.ts) on real
 * loopback sockets, the real service and the real codecs, and checks that
 * docs/bad-inputs.md says exactly what the table says.
 * `UPDATE_DOCS=1 npx vitest run test/robustness/bad-inputs.test.ts` rewrites the doc.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BridgeError } from '../../src-shared/contract';
import { formatMessage } from '../../src-shared/errors';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import { createService, type Service } from '../../src-main/service/service';
import { startWebHost, type WebHost } from '../../src-main/shell/web-host';
import { shutdownEngines, track, type EventLog } from '../helpers/events';
import { canMakeTestHosts, makeTestHost, type TestHost } from '../helpers/netns';
import { killAllPeers } from '../helpers/peer';
import { BAD_INPUTS, type BadInput, type Ctx, type Seen } from './bad-inputs.table';
import {
  exited,
  runShell,
  startShell,
  stopAllShells,
  stopChild,
  WsBridge,
  type ShellProcess,
} from './support';

const DOC = 'docs/bad-inputs.md';
const root = process.getuid?.() === 0 && canMakeTestHosts();

let engine: Engine;
let log: EventLog;
let service: Service;

// Shared, made on first use and torn down after the suite.
let nobody: { shell: ShellProcess; bridge: WsBridge } | undefined;
let testHost: TestHost | undefined;
let web: { host: WebHost; dir: string; engine: Engine; token: string } | undefined;

beforeEach(() => {
  engine = createEngine();
  log = track(engine);
  service = createService(engine, { shell: 'web', version: 'test' });
});

afterEach(async () => {
  shutdownEngines();
  await killAllPeers();
});

afterAll(async () => {
  nobody?.bridge.close();
  await stopAllShells();
  testHost?.remove();
  if (web) {
    await web.host.close();
    web.engine.shutdown();
    await rm(web.dir, { recursive: true, force: true });
  }
});

const plain = (e: BridgeError): Seen => ({ code: e.code, message: e.message });

const ctx: Ctx = {
  get engine() {
    return engine;
  },
  get service() {
    return service;
  },
  get log() {
    return log;
  },
  async ok<T>(name: string, args: unknown): Promise<T> {
    const r = await service.call(name, args);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  },
  async fails(name, args) {
    const r = await service.call(name, args);
    if (r.ok) return { code: 'OK', message: `unexpectedly succeeded: ${JSON.stringify(r.value)}` };
    return plain(r.error);
  },
  async sessionError(id, timeoutMs) {
    const s = await log.waitForSnapshot(id, (x) => x.error !== undefined, 'an error', timeoutMs);
    return plain(s.error as BridgeError);
  },
  async nobodyShell() {
    if (!nobody) {
      const shell = await startShell(
        ['--port', '0'],
        ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'],
      );
      nobody = { shell, bridge: await WsBridge.open(shell.url) };
    }
    return nobody.bridge;
  },
  testHost() {
    testHost ??= makeTestHost();
    return testHost;
  },
  async webHost() {
    if (!web) {
      const dir = await mkdtemp(join(tmpdir(), 'workbench-bad-inputs-'));
      await mkdir(join(dir, 'renderer'));
      await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
      const own = createEngine();
      const token = 'bad-inputs-token-0123456789';
      const host = await startWebHost({
        host: '127.0.0.1',
        port: 0,
        token,
        rendererDir: join(dir, 'renderer'),
        engine: own,
        service: createService(own, { shell: 'web', version: 'test' }),
      });
      web = { host, dir, engine: own, token };
    }
    return { port: web.host.port, token: web.token };
  },
  async shellOutput(args) {
    const { child, output } = runShell(args);
    const code = await exited(child, 10_000).catch(async () => {
      await stopChild(child);
      return 'still running';
    });
    return `exit ${String(code)}\n${output().trim()}`;
  },
};

describe('bad inputs: every row of docs/bad-inputs.md, run', () => {
  for (const [i, row] of BAD_INPUTS.entries()) {
    it.skipIf(row.needs === 'root' && !root)(`${i + 1}. ${row.what} → ${row.code}`, async () => {
      const seen = await row.run(ctx);
      expect(seen.code).toBe(row.code);
      expect(seen.message).toBe(formatMessage(row.message, seen.vars));
      // Never a stack trace, never an internal error.
      expect(seen.message).not.toMatch(/\n\s+at |INTERNAL/);
    });
  }
});

// ---------------------------------------------------------------------------
// The doc, generated from the table

const cell = (text: string): string => text.replace(/\|/g, '\\|');
const code = (text: string): string => (text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``);

function render(rows: BadInput[]): string {
  const lines = [
    '# Bad inputs',
    '',
    '<!-- Generated from test/robustness/bad-inputs.table.ts by',
    '     UPDATE_DOCS=1 npx vitest run test/robustness/bad-inputs.test.ts — do not edit by hand. -->',
    '',
    `${rows.length} wrong things a user or a peer can do, and what the workbench answers. Every row is a`,
    'test (`npx vitest run test/robustness/bad-inputs.test.ts`) that does it for real: on loopback sockets,',
    'through the service every command passes (`service.call`), in the composer’s codec, or against the',
    'web shell. The message is the exact English text; the Chinese UI shows its translation of the code.',
    '`{{name}}` stands for a value known only when it happens (a port the OS chose). `—` means the input is',
    'taken in stride: no error, nothing lost. Rows marked _root_ need a network namespace or `setpriv`.',
    '',
    '| # | Area | What the user or peer does | Input | Where | Code | Message the user sees |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  rows.forEach((r, i) => {
    const what = r.needs === 'root' ? `${r.what} (_root_)` : r.what;
    lines.push(
      `| ${i + 1} | ${r.area} | ${cell(what)} | ${cell(code(r.input))} | ${r.via} | ${cell(code(r.code))} | ${cell(code(r.message))} |`,
    );
  });
  return `${lines.join('\n')}\n`;
}

/** A doc table row as trimmed cells, so prettier's column padding does not matter. */
function cellsOf(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((l) => /^\|\s*\d+\s*\|/.test(l))
    .map((l) =>
      l
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
}

describe('bad inputs: the doc and the table', () => {
  it('has at least 40 rows', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(40);
  });

  it(`${DOC} says exactly what the table says`, async () => {
    const expected = render(BAD_INPUTS);
    if (process.env.UPDATE_DOCS === '1' || !existsSync(DOC)) {
      writeFileSync(DOC, expected);
      execFileSync('node_modules/.bin/prettier', ['--write', '--log-level', 'warn', DOC]);
    }
    const doc = await readFile(DOC, 'utf8');
    expect(cellsOf(doc)).toEqual(cellsOf(expected));
    expect(cellsOf(doc)).toHaveLength(BAD_INPUTS.length);
  });
});
