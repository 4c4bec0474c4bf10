import { decode } from '@msgpack/msgpack';
import { expect, type Page } from '@playwright/test';
import type { WebShell } from './web-shell';

/**
 * Main answering late, as on a busy machine or with the web shell used over a
 * network, with the lateness in the test's hands: while held, the web shell's
 * frames wait; released, they reach the page in their order. Nothing is
 * changed or dropped; only time passes.
 */
export interface SlowBridge {
  /**
   * From now on, the web shell's frames wait: all of them (answers and events),
   * or only the answers to these commands (main slow at one thing, e.g. reading
   * its settings file, while everything else goes on)…
   */
  hold(commands?: string[]): void;
  /** …until now. */
  release(): void;
}

/** A frame's bytes, whichever way Playwright hands them over. */
const bytesOf = (message: string | Buffer): Uint8Array =>
  typeof message === 'string' ? Buffer.from(message) : new Uint8Array(message);

/** Open the app with its WebSocket routed through Playwright: the page's frames go to the web shell at once. */
export async function openSlowApp(page: Page, shell: WebShell): Promise<SlowBridge> {
  /** Which frames wait: undefined = none, 'all', or answers to these commands. */
  let held: 'all' | Set<string> | undefined;
  let waiting: (() => void)[] = [];
  await page.routeWebSocket(/\/bridge/, (ws) => {
    const server = ws.connectToServer();
    const names = new Map<number, string>();
    const deliver = (message: string | Buffer) => () => {
      try {
        ws.send(message);
      } catch {
        // The page has gone (end of the test): nothing left to deliver to.
      }
    };
    ws.onMessage((message) => {
      const frame = decode(bytesOf(message)) as { id?: number; name?: unknown };
      if (typeof frame.id === 'number' && typeof frame.name === 'string') names.set(frame.id, frame.name);
      server.send(message);
    });
    server.onMessage((message) => {
      const frame = decode(bytesOf(message)) as { k?: string; id?: number };
      const name = frame.k === 'result' && frame.id !== undefined ? names.get(frame.id) : undefined;
      const wait = held === 'all' || (name !== undefined && held?.has(name));
      if (wait) waiting.push(deliver(message));
      else deliver(message)();
    });
  });
  await page.goto(shell.url);
  await expect(page.getByTestId('status-connection')).toHaveAttribute('data-state', 'open');
  return {
    hold: (commands) => {
      held = commands ? new Set(commands) : 'all';
    },
    release: () => {
      held = undefined;
      const due = waiting;
      waiting = [];
      for (const send of due) send();
    },
  };
}
