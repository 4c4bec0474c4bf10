import { useCallback, useEffect, useRef, useState } from 'react';
import type { BridgeError, SessionInfo, StoredView } from '../../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';

/**
 * The key saved messages and settings are stored under: the session's kind
 * and address, because after a restart the same socket is a new session with
 * a new id. Accepted clients share their server's address (their own port
 * changes with every connection).
 */
export function storeKeyOf(info: SessionInfo): string {
  const at = (e: SessionInfo['local']): string => (e ? `${e.address}:${e.port}` : '');
  switch (info.kind) {
    case 'udp':
      return `udp ${at(info.local) || 'unbound'}`;
    case 'tcp-client':
      return `tcp-client ${at(info.remote) || 'unconnected'}`;
    case 'tcp-server':
    case 'tcp-conn':
      return `tcp-server ${at(info.local)}`;
  }
}

/** This session's stored view (its saved messages, the shared ones, its composer settings), kept fresh. */
export function useStored(
  info: SessionInfo,
  /** Called once per key with the view as loaded (the composer restores its settings from it). */
  onLoaded?: (view: StoredView) => void,
): {
  key: string;
  view: StoredView | undefined;
  setView: (view: StoredView) => void;
  error: BridgeError | undefined;
} {
  const { api } = useBridge();
  const key = storeKeyOf(info);
  const [view, setView] = useState<StoredView | undefined>();
  const [error, setError] = useState<BridgeError | undefined>();
  const loaded = useRef(onLoaded);
  useEffect(() => {
    loaded.current = onLoaded;
  });
  useEffect(() => {
    let live = true;
    void api['store.get']({ key }).then((result) => {
      if (!live) return;
      if (result.ok) {
        setView(result.value);
        loaded.current?.(result.value);
      } else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [api, key]);
  const set = useCallback((next: StoredView) => setView(next), []);
  // A view of another key (the session's address just changed) is not this session's.
  return { key, view: view?.key === key ? view : undefined, setView: set, error };
}
