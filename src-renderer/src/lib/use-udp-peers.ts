import { useEffect, useRef, useState } from 'react';
import type { PeerStats } from '../../../src-shared/contract';
import { useBridge } from './bridge-context';

const POLL_MS = 500;

/**
 * A UDP session's peers with exact counters, kept in main (the view's ring
 * may have dropped old datagrams; these totals never do). Polled while shown,
 * and only when the session's log has changed since the last poll, so a
 * flood costs at most two small requests a second.
 */
export function useUdpPeers(sessionId: string, rev: number): PeerStats[] {
  const { api } = useBridge();
  const [peers, setPeers] = useState<PeerStats[]>([]);
  const revRef = useRef(rev);
  useEffect(() => {
    revRef.current = rev;
  }, [rev]);
  useEffect(() => {
    let live = true;
    let loadedRev = -1;
    const load = (): void => {
      if (loadedRev === revRef.current) return;
      loadedRev = revRef.current;
      void api['udp.peers']({ sessionId }).then((result) => {
        if (live && result.ok) setPeers(result.value);
      });
    };
    load();
    const timer = setInterval(load, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, sessionId]);
  return peers;
}
