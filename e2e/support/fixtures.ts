import { test as base, expect, type Page } from '@playwright/test';
import { Peer, type PeerScript } from '../../test/helpers/peer';
import { startWebShell, type WebShell } from './web-shell';

interface Fixtures {
  /**
   * A web shell of this test's own: every test starts from an empty session
   * list, so what one test opened can never be counted by the next.
   */
  shell: WebShell;
  /** The app, opened in the browser and connected to its web shell. */
  app: Page;
  /**
   * Start a Python peer from e2e/peers; every peer is killed after the test. Unless the
   * test gives one, a peer's own --timeout is the test's: a busy machine makes a test
   * slower, and a peer that gave up first would fail it for no fault of the app.
   */
  peer: (script: PeerScript, args: string[]) => Peer;
}

export const test = base.extend<Fixtures>({
  shell: async ({}, use) => {
    const shell = await startWebShell();
    await use(shell);
    await shell.stop();
  },
  app: async ({ page, shell }, use) => {
    await page.goto(shell.url);
    await expect(page.getByTestId('status-connection')).toHaveAttribute('data-state', 'open');
    await use(page);
  },
  peer: async ({}, use, testInfo) => {
    const started: Peer[] = [];
    await use((script, args) => {
      const timeout = args.includes('--timeout') ? [] : ['--timeout', String(testInfo.timeout / 1000)];
      const peer = new Peer(script, [...args, ...timeout]);
      started.push(peer);
      return peer;
    });
    await Promise.all(started.map((p) => p.kill()));
  },
});

export { expect };

/** Hex of UTF-8 text, as the peers take their payloads. */
export const hexOf = (text: string, encoding: BufferEncoding = 'utf8'): string =>
  Buffer.from(text, encoding).toString('hex');
