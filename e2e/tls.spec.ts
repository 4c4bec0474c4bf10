import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { openSlowApp } from './support/slow-bridge';
import { logRows } from './support/ui';
import {
  makeSelfSignedCert,
  sha256Fingerprint,
  startOpenSslServer,
  type OpenSslServer,
} from './support/openssl';

/**
 * TLS against real peers on loopback: Debian's `openssl s_server` and a
 * Python `ssl` client. The text is GBK both ways: 你好 = C4 E3 BA C3,
 * 收到 = CA D5 B5 BD (Python: '你好'.encode('gbk')).
 */
const NIHAO_GBK = Buffer.from('c4e3bac3', 'hex');
const SHOUDAO_GBK = Buffer.from('cad5b5bd', 'hex');
// The self-signed certificate a TLS server without certificate files uses (src-main/storage/self-signed.ts).
const SELF_SIGNED_CERT = 'tls-self-signed-cert.pem';

const servers: OpenSslServer[] = [];
test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

/** The new TCP client dialog with TLS ticked, as a person fills it. */
async function openTlsClientDialog(page: Page, port: number): Promise<void> {
  await page.getByTestId('new-tcp-client').click();
  await page.getByTestId('tcp-client-host').fill('127.0.0.1');
  await page.getByTestId('tcp-client-port').fill(String(port));
  await page.getByTestId('tcp-client-tls').check();
  // Checking the certificate is the default.
  await expect(page.getByTestId('tls-verify')).toBeChecked();
  await expect(page.getByTestId('tls-servername')).toHaveAttribute('placeholder', '127.0.0.1');
}

/** Type GBK text into the composer and send it. */
async function sendGbk(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer-encoding').selectOption('gbk');
  await page.getByTestId('composer-input').fill(text);
  await page.getByTestId('composer-send').click();
  await expect(page.getByTestId('composer-sent')).toBeVisible();
}

test('a TLS client made in the UI exchanges GBK text with openssl s_server, and shows the handshake and the chain', async ({
  app,
}) => {
  const cert = makeSelfSignedCert();
  const server = await startOpenSslServer(cert);
  servers.push(server);
  await openTlsClientDialog(app, server.port);
  // Trust the server's own certificate: verified, with the check on.
  await app.getByTestId('tls-ca-file').fill(cert.certFile);
  await app.getByTestId('dialog-submit').click();
  await expect(app.getByTestId('dialog-new-session')).toBeHidden();

  const view = app.getByTestId('session-view');
  await expect(view).toHaveAttribute('data-tls', 'true');
  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'connected');
  await expect(view.locator('.kind-tag')).toHaveText('TLS client');
  await expect(app.getByTestId('session-item').and(app.locator('[data-tls="true"]'))).toContainText(
    'TLS client',
  );

  // What OpenSSL negotiated, as s_server reports it.
  await server.until('CIPHER is ');
  const cipher = /CIPHER is (\S+)/.exec(server.output.toString('latin1'))?.[1];
  await expect(app.getByTestId('tls-version')).toHaveText('TLSv1.3');
  await expect(app.getByTestId('tls-cipher')).toHaveText(cipher ?? '?');
  await expect(app.getByTestId('tls-verified')).toHaveAttribute('data-authorized', 'true');
  const chain = app.getByTestId('tls-cert-chain').getByTestId('tls-cert');
  await expect(chain).toHaveCount(1);
  await expect(chain.getByTestId('tls-cert-subject')).toContainText('CN=localhost');
  await expect(chain.getByTestId('tls-cert-sans')).toContainText('IP Address:127.0.0.1');
  await expect(chain.getByTestId('tls-cert-fingerprint')).toHaveText(sha256Fingerprint(cert.certFile));

  // GBK out: s_server prints the decrypted bytes.
  await sendGbk(app, '你好');
  await server.until(NIHAO_GBK);
  await expect(app.getByTestId('counter-bytes-out')).toHaveText('4');

  // GBK in: what s_server is given on stdin, decrypted in the log.
  server.write(SHOUDAO_GBK);
  const reply = logRows(app, 'in').first();
  await expect(reply.getByTestId('log-size')).toHaveText('4');
  await expect(app.getByTestId('counter-bytes-in')).toHaveText('4');
  await app.getByTestId('log-view-mode').selectOption('hex');
  await expect(reply.getByTestId('log-data')).toHaveText('CA D5 B5 BD');
  await app.getByTestId('log-view-mode').selectOption('gbk');
  await expect(reply.getByTestId('log-data')).toHaveText('收到');

  // The export says its bytes are the decrypted application data, not what crossed the wire.
  const downloading = app.waitForEvent('download');
  await app.getByTestId('log-export').selectOption('jsonl');
  const lines = readFileSync((await (await downloading).path()) ?? '', 'utf8')
    .trim()
    .split('\n');
  expect(lines.map((l) => (JSON.parse(l) as { hex: string; tls?: string }).hex)).toEqual([
    NIHAO_GBK.toString('hex'),
    SHOUDAO_GBK.toString('hex'),
  ]);
  for (const line of lines) expect(JSON.parse(line)).toMatchObject({ tls: 'decrypted application data' });
});

test('a TLS server made in the UI (self-signed) exchanges GBK with a Python ssl client, and shows the fingerprint of the certificate in the data directory', async ({
  app,
  shell,
  peer,
}) => {
  await app.getByTestId('new-tcp-server').click();
  await app.getByTestId('tcp-server-address').fill('127.0.0.1');
  await app.getByTestId('tcp-server-port').fill('0');
  await app.getByTestId('tcp-server-tls').check();
  await expect(app.getByTestId('tls-cert-file')).toHaveValue('');
  await app.getByTestId('dialog-submit').click();
  await expect(app.getByTestId('dialog-new-session')).toBeHidden();
  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'listening');
  await expect(app.getByTestId('session-view')).toHaveAttribute('data-tls', 'true');
  await expect(app.locator('.kind-tag')).toHaveText('TLS server');

  const certFile = join(shell.dataDir, SELF_SIGNED_CERT);
  const own = app.getByTestId('tls-own-cert');
  await expect(own).toHaveAttribute('data-self-signed', 'true');
  await expect(own).toContainText('kept in the data directory');
  await expect(app.getByTestId('tls-server-fingerprint')).toHaveText(sha256Fingerprint(certFile));

  const text = (await app.getByTestId('session-local').textContent()) ?? '';
  const port = /:(\d+)$/.exec(text)?.[1] ?? '';
  // The client pins the server by trusting exactly that file.
  const client = peer('tls_client.py', [
    '127.0.0.1',
    port,
    '--cafile',
    certFile,
    '--send',
    NIHAO_GBK.toString('hex'),
  ]);
  const [, , local] = await client.line('LOCAL');
  const [, version] = await client.line('TLS');
  await client.line('SENT');

  await app
    .getByTestId('client-row')
    .filter({ hasText: `127.0.0.1:${local}` })
    .click();
  await expect(app.getByTestId('session-remote')).toHaveText(`127.0.0.1:${local}`);
  await expect(app.getByTestId('session-view')).toHaveAttribute('data-tls', 'true');
  await expect(app.getByTestId('tls-version')).toHaveText(version ?? '?');
  await expect(app.getByTestId('tls-server-fingerprint')).toHaveText(sha256Fingerprint(certFile));

  const received = logRows(app, 'in').first();
  await app.getByTestId('log-view-mode').selectOption('hex');
  await expect(received.getByTestId('log-data')).toHaveText('C4 E3 BA C3');
  await app.getByTestId('log-view-mode').selectOption('gbk');
  await expect(received.getByTestId('log-data')).toHaveText('你好');

  await sendGbk(app, '收到');
  expect((await client.line('RECV'))[3]).toBe(SHOUDAO_GBK.toString('hex'));
  await expect(app.getByTestId('counter-bytes-out')).toHaveText('4');
  await expect(app.getByTestId('counter-bytes-in')).toHaveText('4');
});

test('a self-signed server with "verify" on: the error is explained, in English and in Chinese', async ({
  app,
}) => {
  const server = await startOpenSslServer(makeSelfSignedCert());
  servers.push(server);
  await openTlsClientDialog(app, server.port);
  await app.getByTestId('dialog-submit').click();
  await expect(app.getByTestId('dialog-new-session')).toBeHidden();

  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'failed');
  const error = app.getByTestId('session-error');
  await expect(error).toHaveAttribute('data-code', /^TLS_(SELF_SIGNED|UNKNOWN_CA)$/);
  const explain = error.getByTestId('error-explain');
  await expect(explain).toContainText('CA file');
  await app.getByTestId('language-toggle').click();
  await expect(app.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(explain).toContainText('CA 文件');
  await expect(app.locator('.kind-tag')).toHaveText('TLS 客户端');
});

test('"verify" switched off connects anyway and says why the certificate is not trusted; the next dialog checks again', async ({
  app,
}) => {
  const cert = makeSelfSignedCert();
  const server = await startOpenSslServer(cert);
  servers.push(server);
  await openTlsClientDialog(app, server.port);
  await app.getByTestId('tls-alpn').fill('h2, http/1.1');
  await app.getByTestId('tls-max-version').selectOption('TLSv1.2');
  await app.getByTestId('tls-verify').uncheck();
  await app.getByTestId('dialog-submit').click();
  await expect(app.getByTestId('dialog-new-session')).toBeHidden();

  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'connected');
  await expect(app.getByTestId('tls-version')).toHaveText('TLSv1.2');
  const verified = app.getByTestId('tls-verified');
  await expect(verified).toHaveAttribute('data-authorized', 'false');
  await expect(verified).toContainText('DEPTH_ZERO_SELF_SIGNED_CERT');
  await expect(app.getByTestId('tls-cert-chain').getByTestId('tls-cert-fingerprint')).toHaveText(
    sha256Fingerprint(cert.certFile),
  );

  // The options are offered again, but never "verify" off: a check switched off for one server stays on for the next.
  await app.getByTestId('new-tcp-client').click();
  await expect(app.getByTestId('tcp-client-tls')).toBeChecked();
  await expect(app.getByTestId('tls-alpn')).toHaveValue('h2, http/1.1');
  await expect(app.getByTestId('tls-max-version')).toHaveValue('TLSv1.2');
  await expect(app.getByTestId('tls-verify')).toBeChecked();
});

test('a TLS option main refuses is shown in the dialog, which keeps what was typed', async ({ app }) => {
  await openTlsClientDialog(app, 9);
  await app.getByTestId('tls-cert-file').fill('/nonexistent/client.pem');
  await app.getByTestId('tls-key-file').fill('/nonexistent/client-key.pem');
  await app.getByTestId('dialog-submit').click();
  const error = app.getByTestId('dialog-error');
  await expect(error).toHaveAttribute('data-code', 'TLS_FILE_UNREADABLE');
  await expect(error).toContainText('/nonexistent/client');
  await expect(app.getByTestId('dialog-new-session')).toBeVisible();
  await expect(app.getByTestId('tls-cert-file')).toHaveValue('/nonexistent/client.pem');
});

test('TLS fields typed while the remembered ones are on their way stay; the untouched ones arrive', async ({
  page,
  shell,
}) => {
  test.slow();
  const bridge = await openSlowApp(page, shell);
  // A first TLS client remembers its options (port 9: nothing listens, the connect fails later, in the session).
  await openTlsClientDialog(page, 9);
  await page.getByTestId('tls-servername').fill('remembered.test');
  await page.getByTestId('tls-alpn').fill('mqtt');
  await page.getByTestId('dialog-submit').click();
  await expect(page.getByTestId('dialog-new-session')).toBeHidden();
  await page.getByTestId('new-tcp-client').click();
  await expect(page.getByTestId('tls-alpn')).toHaveValue('mqtt');
  await page.getByTestId('dialog-cancel').click();

  // TLS ticked and a server name typed before the remembered fields arrive.
  bridge.hold();
  await page.getByTestId('new-tcp-client').click();
  await page.getByTestId('tcp-client-tls').check();
  await page.getByTestId('tls-servername').fill('typed.test');
  bridge.release();
  // The remembered ALPN (untouched) shows that the answer has arrived…
  await expect(page.getByTestId('tls-alpn')).toHaveValue('mqtt');
  // …and it left the typed server name alone.
  await expect(page.getByTestId('tls-servername')).toHaveValue('typed.test');
  await expect(page.getByTestId('tcp-client-tls')).toBeChecked();
});
