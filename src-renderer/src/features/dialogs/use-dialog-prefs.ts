import { useEffect, useRef } from 'react';
import type { DialogKind, DialogPrefs } from '../../../../src-shared/contract';
import { useOpenActions } from './use-open-actions';

/**
 * A "new session" dialog's last used fields, kept in main's settings file
 * (like saved messages and composer settings: the web shell's origin, and so
 * its localStorage, changes with every run). They are asked for once, when the
 * dialog opens; `fill` gets them with the moment they were asked for, so that
 * (through useTypedFields) they replace only fields the user has not touched
 * since: main may answer after the user has started typing. `remember` stores
 * what a session was just opened with.
 */
export function useDialogPrefs(
  kind: DialogKind,
  fields: { ask: () => number; fill: (prefs: DialogPrefs, asked: number) => void },
): { remember: (prefs: DialogPrefs) => void } {
  const { dialogPrefs, rememberDialog } = useOpenActions();
  const fieldsRef = useRef(fields);
  useEffect(() => {
    fieldsRef.current = fields;
  });
  useEffect(() => {
    let live = true;
    const asked = fieldsRef.current.ask();
    void dialogPrefs(kind).then((result) => {
      if (live && result.ok) fieldsRef.current.fill(result.value, asked);
    });
    return () => {
      live = false;
    };
  }, [dialogPrefs, kind]);
  return {
    // Not remembered is not worth an error: the session opened all the same.
    remember: (prefs) => void rememberDialog(kind, prefs),
  };
}
