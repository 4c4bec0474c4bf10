import { useEffect, useRef } from 'react';
import type { DialogKind, DialogPrefs } from '../../../src-shared/contract';
import { useBridge } from './bridge-context';

/**
 * A "new session" dialog's last used fields, kept in main's settings file
 * (like saved messages and composer settings: the web shell's origin, and so
 * its localStorage, changes with every run). `apply` runs once, when they
 * arrive; `remember` stores what a session was just opened with.
 */
export function useDialogPrefs(
  kind: DialogKind,
  apply: (prefs: DialogPrefs) => void,
): { remember: (prefs: DialogPrefs) => void } {
  const { api } = useBridge();
  const applyRef = useRef(apply);
  useEffect(() => {
    applyRef.current = apply;
  });
  useEffect(() => {
    let live = true;
    void api['store.getDialog']({ kind }).then((result) => {
      if (live && result.ok) applyRef.current(result.value);
    });
    return () => {
      live = false;
    };
  }, [api, kind]);
  return {
    // Not remembered is not worth an error: the session opened all the same.
    remember: (prefs) => void api['store.setDialog']({ kind, prefs }),
  };
}
