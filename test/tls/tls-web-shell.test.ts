import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SELF_SIGNED_CERT } from '../../src-main/storage/self-signed';
import type { SessionInfo } from '../../src-shared/contract';
import { WsBridge } from '../helpers/ws-bridge';
import { startShell, stopAllShells } from '../robustness/support';

/**
 * The shell wires the self-signed certificate to its data directory: a TLS
 * server opened over the bridge of `node out/main/web.js --data-dir D` keeps
 * its certificate in D, and a client that trusts that file connects.
 * Needs the build (`npx electron-vite build`), as the robustness suites do.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'wb-tls-shell-'));
afterAll(async () => {
  await stopAllShells();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('web shell', () => {
  it('keeps a TLS server’s self-signed certificate in --data-dir, and a client trusting it connects', async () => {
    const shell = await startShell(['--port', '0', '--data-dir', dataDir]);
    const bridge = await WsBridge.open(shell.url);
    try {
      const server = await bridge.ok<SessionInfo>('tcp.listen', { address: '127.0.0.1', port: 0, tls: {} });
      const certFile = join(dataDir, SELF_SIGNED_CERT);
      expect(server.tls?.certFile).toBe(certFile);
      expect(existsSync(certFile)).toBe(true);
      const program = [
        'import ssl',
        'from socket import *',
        `context = ssl.create_default_context(cafile=${JSON.stringify(certFile)})`,
        `s = context.wrap_socket(create_connection(('127.0.0.1', ${server.local?.port}), timeout=10), server_hostname='localhost')`,
        'print(s.version())',
        's.close()',
      ].join('\n');
      expect(execFileSync('python3', ['-c', program], { encoding: 'utf8', timeout: 20_000 }).trim()).toBe(
        'TLSv1.3',
      );
    } finally {
      bridge.close();
      await shell.stop();
    }
  });
});
