import { useCallback, useEffect, useRef, useState } from 'react';
import type { BridgeError, SessionInfo, StoredView } from '../../../../src-shared/contract';
import { storeKeyOf } from '../../store/view-state';
import { useStoreActions } from './use-store-actions';

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
  const { storedView } = useStoreActions();
  const key = storeKeyOf(info);
  const [view, setView] = useState<StoredView | undefined>();
  const [error, setError] = useState<BridgeError | undefined>();
  const loaded = useRef(onLoaded);
  useEffect(() => {
    loaded.current = onLoaded;
  });
  useEffect(() => {
    let live = true;
    void storedView(key).then((result) => {
      if (!live) return;
      if (result.ok) {
        setView(result.value);
        loaded.current?.(result.value);
      } else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [storedView, key]);
  const set = useCallback((next: StoredView) => setView(next), []);
  // A view of another key (the session's address just changed) is not this session's.
  return { key, view: view?.key === key ? view : undefined, setView: set, error };
}
