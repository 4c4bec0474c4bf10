import { expect, type Page } from '@playwright/test';
import type { WebShell } from './web-shell';

/**
 * Main answering late, as on a busy machine or with the web shell used over a
 * network, with the lateness in the test's hands: while held, every frame
 * from the web shell (answers and events) waits; released, they reach the
 * page in their order. Nothing is changed or dropped; only time passes.
 */
export interface SlowBridge {
  /** From now on, the web shell's frames wait… */
  hold(): void;
  /** …until now. */
  release(): void;
}

/** Open the app with its WebSocket routed through Playwright: the page's frames go to the web shell at once. */
export async function openSlowApp(page: Page, shell: WebShell): Promise<SlowBridge> {
  let gate = Promise.resolve();
  let open = (): void => undefined;
  await page.routeWebSocket(/\/bridge/, (ws) => {
    const server = ws.connectToServer();
    let queue = Promise.resolve();
    server.onMessage((message) => {
      const held = gate;
      queue = queue
        .then(() => held)
        .then(() => ws.send(message))
        // The page may have gone (end of the test): nothing left to deliver to.
        .catch(() => undefined);
    });
  });
  await page.goto(shell.url);
  await expect(page.getByTestId('status-connection')).toHaveAttribute('data-state', 'open');
  return {
    hold: () => {
      gate = new Promise<void>((done) => (open = done));
    },
    release: () => open(),
  };
}
