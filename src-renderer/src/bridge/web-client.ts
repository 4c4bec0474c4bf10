import { decode, encode } from '@msgpack/msgpack';
import type { CommandName, EventBatch, Result } from '../../../src-shared/contract';
import { ERROR_MESSAGES_EN } from '../../../src-shared/errors';
import { BRIDGE_PATH, type ClientFrame, type ServerFrame } from '../../../src-shared/web-frames';
import type { Bridge, ConnectionState } from './bridge';
import { typedApi } from './typed-api';

/** Waits between tries: doubling from the first to the last, then the last again. */
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 5000;
/** Tries before giving up: about ten minutes at RETRY_MAX_MS. The page then offers a button. */
const RETRY_LIMIT = 120;

const disconnected: Result<never> = {
  ok: false,
  error: { code: 'DISCONNECTED', message: ERROR_MESSAGES_EN.DISCONNECTED },
};

/**
 * The bridge over the web shell's WebSocket: MessagePack frames, one pending
 * promise per call id, and a reconnect loop (after which the app resyncs).
 */
export function webBridge(location: Location): Bridge {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${BRIDGE_PATH}?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const eventListeners = new Set<(batch: EventBatch) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let socket: WebSocket | undefined;
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  let failedTries = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const setState = (next: ConnectionState): void => {
    state = next;
    for (const listener of connectionListeners) listener(next);
  };

  const connect = (): void => {
    retryTimer = undefined;
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      failedTries = 0;
      setState('open');
    };
    ws.onmessage = (message: MessageEvent<ArrayBuffer>) => {
      const frame = decode(new Uint8Array(message.data)) as ServerFrame;
      if (frame.k === 'events') for (const listener of eventListeners) listener(frame.events);
      else if (frame.k === 'result') {
        pending.get(frame.id)?.(frame.result);
        pending.delete(frame.id);
      }
    };
    ws.onclose = () => {
      for (const resolve of pending.values()) resolve(disconnected);
      pending.clear();
      socket = undefined;
      // A try that never opened counts against the limit; a link that was open starts afresh.
      failedTries += 1;
      if (failedTries > RETRY_LIMIT) return setState('lost');
      setState('closed');
      retryTimer = setTimeout(connect, Math.min(RETRY_FIRST_MS * 2 ** (failedTries - 1), RETRY_MAX_MS));
    };
    socket = ws;
  };
  connect();

  const call = (name: CommandName, args: unknown): Promise<Result<unknown>> => {
    const ws = socket;
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.resolve(disconnected);
    const id = nextId++;
    const frame: ClientFrame = { k: 'call', id, name, args };
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(encode(frame, { ignoreUndefined: true }));
    });
  };

  const api = typedApi({ call });

  return {
    shell: 'web',
    api,
    onEvents(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
    reconnect() {
      if (socket) return; // open, or a try under way
      clearTimeout(retryTimer);
      failedTries = 0;
      if (state === 'lost') setState('closed');
      connect();
    },
  };
}
