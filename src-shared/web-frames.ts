import type { EventBatch, Result } from './contract';

/** Browser → web shell: one command call. `name` and `args` are checked by the service. */
export interface ClientFrame {
  k: 'call';
  id: number;
  name: unknown;
  args: unknown;
}

/** Web shell → browser: a command's result, or a batch of engine events. */
export type ServerFrame =
  { k: 'result'; id: number; result: Result<unknown> } | { k: 'events'; events: EventBatch };

/** The WebSocket path and the cookie that carries the access token after the first page load. */
export const BRIDGE_PATH = '/bridge';
export const TOKEN_COOKIE = 'workbench_token';
