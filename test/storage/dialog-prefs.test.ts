import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/app/compose';
import { createService } from '../../src-main/service/service';
import { SettingsStore, STORE_FILE_NAME } from '../../src-main/storage/settings-store';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sw-dialog-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('remembered dialog fields', () => {
  it('are kept per dialog kind across restarts', async () => {
    const first = new SettingsStore(dir);
    expect(await first.dialog('tcp-client')).toEqual({});
    await first.setDialog({
      kind: 'tcp-client',
      prefs: { host: '192.0.2.7', port: '502', closeOnPeerEnd: false },
    });
    await first.setDialog({ kind: 'udp', prefs: { udpBind: false, address: '::' } });

    const second = new SettingsStore(dir);
    expect(await second.dialog('tcp-client')).toEqual({
      host: '192.0.2.7',
      port: '502',
      closeOnPeerEnd: false,
    });
    expect(await second.dialog('udp')).toEqual({ udpBind: false, address: '::' });
    expect(await second.dialog('tcp-server')).toEqual({});
  });

  it("forget a TCP client's local port (a self-connect or EADDRINUSE a click away), keep the rest", async () => {
    const first = new SettingsStore(dir);
    const prefs = { host: '127.0.0.1', port: '9000', localPort: '9000', reconnectMs: '500' };
    expect(await first.setDialog({ kind: 'tcp-client', prefs })).toEqual({
      host: '127.0.0.1',
      port: '9000',
      reconnectMs: '500',
    });
    expect(await new SettingsStore(dir).dialog('tcp-client')).toEqual({
      host: '127.0.0.1',
      port: '9000',
      reconnectMs: '500',
    });
    // A UDP socket's or a server's port is what it listens on: that one is kept.
    await first.setDialog({ kind: 'tcp-server', prefs: { address: '0.0.0.0', localPort: '8080' } });
    expect(await new SettingsStore(dir).dialog('tcp-server')).toEqual({
      address: '0.0.0.0',
      localPort: '8080',
    });
  });

  it("ignore a TCP client's local port kept by a settings file from before", async () => {
    const dialogs = { 'tcp-client': { host: '127.0.0.1', port: '9000', localPort: '9000' } };
    writeFileSync(
      join(dir, STORE_FILE_NAME),
      JSON.stringify({ version: 1, shared: [], sessions: {}, dialogs }),
    );
    expect(await new SettingsStore(dir).dialog('tcp-client')).toEqual({ host: '127.0.0.1', port: '9000' });
  });

  it('read a settings file written before dialogs were remembered', async () => {
    writeFileSync(join(dir, STORE_FILE_NAME), JSON.stringify({ version: 1, shared: [], sessions: {} }));
    expect(await new SettingsStore(dir).dialog('tcp-server')).toEqual({});
  });

  it('are checked at the border: unknown fields and kinds are refused', async () => {
    const engine = createEngine();
    const service = createService(engine, { shell: 'web', version: 'test' }, new SettingsStore(dir));
    try {
      const bad = await service.call('store.setDialog', { kind: 'tcp-client', prefs: { evil: 1 } });
      expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } });
      const kind = await service.call('store.getDialog', { kind: 'sctp' });
      expect(kind).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } });
      const ok = await service.call('store.setDialog', { kind: 'tcp-server', prefs: { localPort: '9000' } });
      expect(ok).toEqual({ ok: true, value: { localPort: '9000' } });
    } finally {
      engine.shutdown();
    }
  });
});
