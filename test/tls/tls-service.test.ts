import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import { createService, type Service } from '../../src-main/service/service';
import { SelfSignedStore } from '../../src-main/storage/self-signed';
import { specFromSession } from '../../src-shared/codegen';
import type { SessionInfo } from '../../src-shared/contract';
import { shutdownEngines, track } from '../helpers/events';

/** tcp.connect / tcp.listen with a `tls` object, checked at the border; and the Code tab's reading of SessionInfo.tls. */

let engine: Engine;
let service: Service;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wb-tls-svc-'));
  engine = createEngine({ selfSigned: new SelfSignedStore(dir) });
  track(engine);
  service = createService(engine, { shell: 'web', version: 'test' });
});

afterEach(() => {
  shutdownEngines();
  rmSync(dir, { recursive: true, force: true });
});

describe('tcp.connect / tcp.listen with tls', () => {
  it.each([
    ['an unknown version', { minVersion: 'SSLv3' }],
    ['a relative CA path', { caFile: 'ca.pem' }],
    ['a certificate without its key', { certFile: '/tmp/c.pem' }],
    ['an empty ALPN list', { alpn: [] }],
    ['an unknown option', { cipher: 'NULL' }],
  ])('refuses %s before any socket is made', async (_what, tls) => {
    const result = await service.call('tcp.connect', { host: '127.0.0.1', port: 443, tls });
    expect(result.ok).toBe(false);
    expect(engine.list()).toEqual([]);
  });

  it('refuses a key that is not a PEM key, naming why, and opens no session', async () => {
    const cert = join(dir, 'c.pem');
    const key = join(dir, 'k.pem');
    writeFileSync(cert, 'not a certificate');
    writeFileSync(key, 'not a key');
    const result = await service.call('tcp.listen', {
      address: '127.0.0.1',
      port: 0,
      tls: { certFile: cert, keyFile: key },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'TLS_BAD_CREDENTIALS' } });
    expect(engine.list()).toEqual([]);
  });

  it('opens a TLS server with the self-signed certificate through the bridge', async () => {
    const result = await service.call('tcp.listen', { address: '127.0.0.1', port: 0, tls: {} });
    expect(result.ok).toBe(true);
    const info = (result as { value: SessionInfo }).value;
    expect(info.kind).toBe('tcp-server');
    expect(info.tls).toMatchObject({ role: 'server', selfSigned: true, server: {} });
  });
});

describe('the self-signed certificate', () => {
  it('still serves when the data directory cannot be written: made, used, not kept', async () => {
    const notAFolder = join(dir, 'file');
    writeFileSync(notAFolder, 'x');
    const blocked = createEngine({ selfSigned: new SelfSignedStore(join(notAFolder, 'data')) });
    track(blocked);
    const server = await blocked.listenTcp({ address: '127.0.0.1', port: 0, tls: {} });
    expect(server.tls).toMatchObject({ selfSigned: true, localCertificate: { subject: 'CN=localhost' } });
    expect(server.tls?.certFile).toBeUndefined();
  });
});

describe('the Code tab reads SessionInfo.tls', () => {
  const base = {
    id: 's1',
    createdAt: 0,
    logSeq: 0,
    counters: { bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0 },
  };
  const hints = { encoding: 'gbk' as const, decoding: 'gbk' as const, text: 'hi' };

  it('a TLS client: the SNI it sent, ALPN, the CA file and whether it verifies', () => {
    const info: SessionInfo = {
      ...base,
      kind: 'tcp-client',
      state: 'connected',
      remote: { address: '127.0.0.1', port: 8883, family: 'IPv4' },
      tls: {
        role: 'client',
        established: true,
        servername: 'localhost',
        client: { alpn: ['mqtt'], caFile: '/ca.pem', verify: false, maxVersion: 'TLSv1.2' },
      },
    };
    expect(specFromSession(info, hints)).toMatchObject({
      kind: 'tcp-client',
      tls: {
        verify: false,
        servername: 'localhost',
        alpn: ['mqtt'],
        caFile: '/ca.pem',
        maxVersion: 'TLSv1.2',
      },
    });
  });

  it('a TLS server: its certificate files (the self-signed ones too) and the client-certificate request', () => {
    const info: SessionInfo = {
      ...base,
      kind: 'tcp-server',
      state: 'listening',
      local: { address: '0.0.0.0', port: 8883, family: 'IPv4' },
      tls: {
        role: 'server',
        established: false,
        selfSigned: true,
        certFile: '/data/cert.pem',
        keyFile: '/data/key.pem',
        server: { requestClientCert: true },
      },
    };
    expect(specFromSession(info, hints)).toMatchObject({
      kind: 'tcp-server',
      tls: { certFile: '/data/cert.pem', keyFile: '/data/key.pem', requestClientCert: true },
    });
  });

  it('a plain TCP session has no tls in its program', () => {
    const info: SessionInfo = { ...base, kind: 'tcp-client', state: 'connected' };
    expect(specFromSession(info, hints)).not.toHaveProperty('tls');
  });
});
