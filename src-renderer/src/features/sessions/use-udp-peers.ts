import { useEffect, useState } from 'react';
import type { PeerStats } from '../../../../src-shared/contract';
import { useStore } from '../../store/store';
import { useSessionActions } from './use-session-actions';

const POLL_MS = 500;

/**
 * A UDP session's peers with exact counters, kept in main (the view's ring
 * may have dropped old datagrams; these totals never do). Polled while shown,
 * and only when `changeKey` has changed since the last poll (new data, a
 * counter reset), so a flood costs at most two small requests a second. The
 * change is read from the store at each poll, not subscribed to: a flood
 * does not re-render the table between polls.
 */
export function useUdpPeers(sessionId: string): PeerStats[] {
  const { peers: askPeers } = useSessionActions({ id: sessionId, kind: 'udp' });
  const [peers, setPeers] = useState<PeerStats[]>([]);
  useEffect(() => {
    let live = true;
    let loadedKey: string | undefined;
    const load = (): void => {
      const state = useStore.getState();
      const c = state.counters[sessionId];
      // New data changes the log's rev; a counter reset changes the counters without any.
      const key = `${state.logRevs[sessionId] ?? 0}/${c?.messagesIn}/${c?.messagesOut}`;
      if (loadedKey === key) return;
      loadedKey = key;
      void askPeers().then((result) => {
        if (live && result.ok) setPeers(result.value);
      });
    };
    load();
    const timer = setInterval(load, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [askPeers, sessionId]);
  return peers;
}
