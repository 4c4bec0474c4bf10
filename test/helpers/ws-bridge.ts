/**
 * A test-side client of the web shell's bridge: what the renderer's web client
 * does, without the page. Used by the web-host tests and the robustness suites.
 */
import { decode, encode } from '@msgpack/msgpack';
import WebSocket from 'ws';
import type { EngineEvent, Result } from '../../src-shared/contract';
import { BRIDGE_PATH, type ServerFrame } from '../../src-shared/web-frames';

const STEP_MS = 5000;

/** Resolves once the WebSocket is open; rejects with its handshake error. */
export function opened(ws: WebSocket): Promise<void> {
  return new Promise<void>((done, fail) => {
    ws.once('open', () => done());
    ws.once('error', fail);
  });
}

export class WsBridge {
  readonly events: EngineEvent[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = decode(data as Buffer) as ServerFrame;
      if (frame.k === 'result') {
        this.pending.get(frame.id)?.(frame.result);
        this.pending.delete(frame.id);
      } else {
        this.events.push(...frame.events);
      }
    });
  }

  /** Open the bridge of the shell at `pageUrl` (the printed `…/?token=…` URL), with its own Origin. */
  static async open(pageUrl: string): Promise<WsBridge> {
    const page = new URL(pageUrl);
    const ws = new WebSocket(`ws://${page.host}${BRIDGE_PATH}${page.search}`, {
      origin: page.origin,
      handshakeTimeout: STEP_MS,
    });
    await opened(ws);
    return new WsBridge(ws);
  }

  call(name: unknown, args: unknown, timeoutMs = STEP_MS): Promise<Result<unknown>> {
    const id = this.nextId++;
    return new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no result for ${String(name)}`)), timeoutMs);
      this.pending.set(id, (result) => {
        clearTimeout(timer);
        done(result);
      });
      this.ws.send(encode({ k: 'call', id, name, args }));
    });
  }

  async ok<T>(name: string, args: unknown): Promise<T> {
    const result = await this.call(name, args);
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }

  close(): void {
    this.ws.terminate();
  }
}
