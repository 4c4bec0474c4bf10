import { spawn } from 'node:child_process';
import { mkdtempSync, promises as fs, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PayloadOptions } from '../../src-shared/codec/payload';
import { backupPath, readJsonFile, writeFileAtomic } from '../../src-main/storage/atomic-file';
import { defaultDataDir, SettingsStore, STORE_FILE_NAME } from '../../src-main/storage/settings-store';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sw-store-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const TEXT: PayloadOptions = {
  mode: 'text',
  encoding: 'gbk',
  lineEnding: 'crlf',
  escapes: true,
  variables: false,
  checksum: 'none',
};

const doc = z.object({ generation: z.number(), body: z.string(), length: z.number() }).strict();

describe('atomic file', () => {
  it('keeps the previous content as .bak and reads it when the main file is corrupt (moved aside)', async () => {
    const file = join(dir, 'a.json');
    await writeFileAtomic(file, JSON.stringify({ generation: 1, body: 'one', length: 3 }));
    await writeFileAtomic(file, JSON.stringify({ generation: 2, body: 'two', length: 3 }));
    expect(JSON.parse(readFileSync(backupPath(file), 'utf8')).generation).toBe(1);
    expect(await readJsonFile(file, doc)).toMatchObject({ source: 'file', value: { generation: 2 } });

    // A torn write (what a file system without our rename would leave): half a document.
    writeFileSync(file, '{"generation": 3, "bo');
    const outcome = await readJsonFile(file, doc);
    expect(outcome).toMatchObject({ source: 'backup', value: { generation: 1 } });
    expect(outcome.movedAside).toMatch(/a\.json\.corrupt-/);
    expect(readFileSync(outcome.movedAside ?? '', 'utf8')).toBe('{"generation": 3, "bo');
  });

  it('valid JSON of the wrong shape counts as corrupt too; nothing at all reads as none', async () => {
    const file = join(dir, 'b.json');
    expect(await readJsonFile(file, doc)).toEqual({ source: 'none' });
    writeFileSync(file, JSON.stringify({ generation: 'x' }));
    const outcome = await readJsonFile(file, doc);
    expect(outcome.source).toBe('none');
    expect(outcome.movedAside).toBeDefined();
  });

  it('a writer killed mid-write, again and again, never leaves a file that does not read back whole', async () => {
    // The child runs the real module, transpiled (Node 20 cannot run TypeScript itself).
    const source = readFileSync('src-main/storage/atomic-file.ts', 'utf8');
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    writeFileSync(join(dir, 'atomic-file.mjs'), js);
    writeFileSync(
      join(dir, 'writer.mjs'),
      `import { writeFileAtomic } from './atomic-file.mjs';
const file = process.argv[2];
let generation = 0;
for (;;) {
  generation += 1;
  const body = 'x'.repeat(100000 + (generation % 7) * 1000);
  await writeFileAtomic(file, JSON.stringify({ generation, body, length: body.length }));
  process.stdout.write('WROTE ' + generation + '\\n');
}
`,
    );
    const file = join(dir, 'data', 'c.json');
    let lastSeen = 0;
    for (let round = 0; round < 25; round += 1) {
      const child = spawn(process.execPath, [join(dir, 'writer.mjs'), file], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let wrote = 0;
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        const all = [...chunk.matchAll(/WROTE (\d+)/g)];
        if (all.length) wrote = Number(all.at(-1)?.[1]);
      });
      // Once it is writing, kill it at a different moment each round (mostly mid-write: writes are back to back).
      await new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (wrote > 0) {
            clearInterval(check);
            resolve();
          }
        }, 2);
      });
      await new Promise((r) => setTimeout(r, (round * 7) % 23));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const outcome = await readJsonFile(file, doc);
      if (outcome.source === 'none') {
        // Killed before its first write completed: only allowed when nothing was ever written.
        expect(lastSeen).toBe(0);
        continue;
      }
      expect(outcome.source).toBe('file');
      if (outcome.source !== 'file') continue;
      expect(outcome.value.body.length).toBe(outcome.value.length);
      // Everything the child reported as written is on disk (at least that generation).
      expect(outcome.value.generation).toBeGreaterThanOrEqual(wrote);
      lastSeen = outcome.value.generation;
    }
    expect(lastSeen).toBeGreaterThan(0);
    // Stray temporary files of killed writers are cleaned up on read (once old enough) or ignored.
    const left = (await fs.readdir(join(dir, 'data'))).filter((n) => !n.endsWith('.tmp'));
    expect(left.sort()).toEqual(['c.json', 'c.json.bak']);
  });
});

describe('settings store', () => {
  it('saved messages (per session and shared) and composer settings survive a new store on the same dir', async () => {
    const first = new SettingsStore(dir);
    await first.saveMessage({
      key: 'udp 127.0.0.1:7788',
      scope: 'session',
      message: { name: 'Hello', input: '你好\\r\\n', settings: TEXT },
    });
    const shared = await first.saveMessage({
      key: 'udp 127.0.0.1:7788',
      scope: 'shared',
      message: { name: 'Ping', input: 'ping', settings: { ...TEXT, encoding: 'utf-8' } },
    });
    const pingId = shared.shared[0]?.id ?? '';
    await first.saveMessage({
      key: 'x',
      scope: 'shared',
      message: { id: pingId, name: 'Ping!', input: 'ping', settings: TEXT },
    });
    await first.setComposer({
      key: 'udp 127.0.0.1:7788',
      composer: { settings: TEXT, intervalMs: 5, count: 20 },
    });

    const second = new SettingsStore(dir);
    const view = await second.view('udp 127.0.0.1:7788');
    expect(view.messages.map((m) => [m.name, m.input])).toEqual([['Hello', '你好\\r\\n']]);
    expect(view.shared.map((m) => m.name)).toEqual(['Ping!']);
    expect(view.composer).toEqual({ settings: TEXT, intervalMs: 5, count: 20 });
    expect(view.notice).toBeUndefined();
    // Another session sees the shared ones only.
    const other = await second.view('tcp-client 127.0.0.1:502');
    expect([other.messages.length, other.shared.length]).toEqual([0, 1]);

    const afterDelete = await second.deleteMessage({ key: 'x', scope: 'shared', id: pingId });
    expect(afterDelete.shared).toEqual([]);
    await expect(second.deleteMessage({ key: 'x', scope: 'shared', id: pingId })).rejects.toMatchObject({
      code: 'NO_SAVED_MESSAGE',
    });
  });

  it('a corrupt settings file never crashes: the last good copy is used and the damage reported once', async () => {
    const first = new SettingsStore(dir);
    const key = 'tcp-server 0.0.0.0:9000';
    await first.saveMessage({ key, scope: 'session', message: { name: 'A', input: 'a', settings: TEXT } });
    await first.saveMessage({ key, scope: 'session', message: { name: 'B', input: 'b', settings: TEXT } });
    writeFileSync(join(dir, STORE_FILE_NAME), '\u0000\u0000garbage');

    const second = new SettingsStore(dir);
    const view = await second.view(key);
    expect(view.notice?.code).toBe('STORE_RECOVERED');
    expect(view.messages.map((m) => m.name)).toEqual(['A']); // the .bak: one change behind, never empty
    expect((await second.view(key)).notice).toBeUndefined();
  });

  it('$XDG_CONFIG_HOME, or ~/.config, holds socket-workbench', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x/cfg' }, '/home/u')).toBe('/x/cfg/socket-workbench');
    expect(defaultDataDir({}, '/home/u')).toBe('/home/u/.config/socket-workbench');
  });
});
