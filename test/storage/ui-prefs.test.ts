/**
 * The renderer's preferences (language, log view size) live in main's settings
 * file, so they survive what the browser's storage does not: a web shell that
 * comes back on another port (another origin), or a fresh browser profile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import { createService } from '../../src-main/service/service';
import { SettingsStore } from '../../src-main/storage/settings-store';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sw-ui-prefs-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('UI preferences in the settings file', () => {
  it('are kept across restarts, one change at a time', async () => {
    const first = new SettingsStore(dir);
    expect(await first.ui()).toEqual({});
    expect(await first.setUi({ language: 'zh-CN' })).toEqual({ language: 'zh-CN' });
    expect(await first.setUi({ viewCapacity: 100_000 })).toEqual({
      language: 'zh-CN',
      viewCapacity: 100_000,
    });

    expect(await new SettingsStore(dir).ui()).toEqual({ language: 'zh-CN', viewCapacity: 100_000 });
  });

  it('go through the service, which refuses what is not a preference', async () => {
    const engine = createEngine();
    const service = createService(engine, { shell: 'web', version: '0' }, new SettingsStore(dir));
    try {
      expect(await service.call('store.setUi', { language: 'en' })).toEqual({
        ok: true,
        value: { language: 'en' },
      });
      for (const bad of [
        { language: 'fr' },
        { viewCapacity: -1 },
        { viewCapacity: 1.5 },
        { theme: 'dark' },
      ]) {
        const result = await service.call('store.setUi', bad);
        expect(result.ok, JSON.stringify(bad)).toBe(false);
      }
      expect(await service.call('store.getUi', {})).toEqual({ ok: true, value: { language: 'en' } });
    } finally {
      engine.shutdown();
    }
  });

  it('app.info names this run of main, so a page can tell a restarted one', async () => {
    const a = createEngine();
    const b = createEngine();
    try {
      const info = async (engine: Engine): Promise<string> => {
        const r = await createService(engine, { shell: 'web', version: '0' }).call('app.info', {});
        if (!r.ok) throw new Error(r.error.message);
        return (r.value as { instance: string }).instance;
      };
      const first = await info(a);
      expect(first).toMatch(/^[0-9a-f-]{36}$/);
      expect(await info(b)).not.toBe(first);
    } finally {
      a.shutdown();
      b.shutdown();
    }
  });
});
