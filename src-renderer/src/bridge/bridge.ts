import type { BridgeApi, BridgeEvents } from '../../../src-shared/contract';

/**
 * The link to main: `connecting` only before the first answer; `closed` when
 * it dropped and reconnection is being tried; `lost` when the tries ran out
 * (reconnect() starts them again).
 */
export type ConnectionState = 'connecting' | 'open' | 'closed' | 'lost';

/**
 * The renderer's one view of main, whichever shell carries it. Components
 * never know whether they run in Electron or in a browser.
 */
export interface Bridge extends BridgeEvents {
  readonly shell: 'electron' | 'web';
  readonly api: BridgeApi;
  /** Link state (always open under Electron); the web shell reconnects by itself. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Try to reach main now (after the tries ran out, or to skip the wait). */
  reconnect(): void;
}
