import { useEffect, useRef, useState } from 'react';
import type { PeerStats } from '../../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';

const POLL_MS = 500;

/**
 * A UDP session's peers with exact counters, kept in main (the view's ring
 * may have dropped old datagrams; these totals never do). Polled while shown,
 * and only when `changeKey` has changed since the last poll (new data, a
 * counter reset), so a flood costs at most two small requests a second.
 */
export function useUdpPeers(sessionId: string, changeKey: string): PeerStats[] {
  const { api } = useBridge();
  const [peers, setPeers] = useState<PeerStats[]>([]);
  const keyRef = useRef(changeKey);
  useEffect(() => {
    keyRef.current = changeKey;
  }, [changeKey]);
  useEffect(() => {
    let live = true;
    let loadedKey: string | undefined;
    const load = (): void => {
      if (loadedKey === keyRef.current) return;
      loadedKey = keyRef.current;
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
