import type { BridgeApi, BridgeEvents } from '../../../src-shared/contract';

export type ConnectionState = 'connecting' | 'open' | 'closed';

/**
 * The renderer's one view of main, whichever shell carries it. Components
 * never know whether they run in Electron or in a browser.
 */
export interface Bridge extends BridgeEvents {
  readonly shell: 'electron' | 'web';
  readonly api: BridgeApi;
  /** Link state (always open under Electron); the web shell reconnects by itself. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
}
