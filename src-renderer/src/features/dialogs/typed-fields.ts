import { useCallback, useRef, useState } from 'react';
import { fillUntouched, TouchLedger } from '../../ui/touch-ledger';

export interface TypedFields<T extends object> {
  /** The values on screen. */
  values: T;
  /** The user changed a field: it is theirs from now on. */
  set: <K extends Extract<keyof T, string>>(key: K, value: T[K]) => void;
  /** The user put the cursor in a field (clicked it, pressed a key in it): a late answer must not change it under them. */
  touch: (key: Extract<keyof T, string>) => void;
  /** Call before asking main; hand the result to `fill` with the answer. */
  ask: () => number;
  /** An answer from main: fills only the fields not touched since `asked`. */
  fill: (answer: Partial<T>, asked: number) => void;
  /**
   * The values as they are now, even before React has re-rendered: what a
   * Connect/Open click must use, never the values of an older render.
   */
  current: () => T;
}

/** A form whose defaults main may replace later (remembered fields): see TouchLedger. */
export function useTypedFields<T extends object>(initial: T): TypedFields<T> {
  const [values, setValues] = useState(initial);
  const latest = useRef(values);
  const [ledger] = useState(() => new TouchLedger<Extract<keyof T, string>>());
  const commit = useCallback((next: T) => {
    if (next === latest.current) return;
    latest.current = next;
    setValues(next);
  }, []);
  const set = useCallback(
    <K extends Extract<keyof T, string>>(key: K, value: T[K]) => {
      ledger.touch(key);
      commit({ ...latest.current, [key]: value });
    },
    [commit, ledger],
  );
  const touch = useCallback((key: Extract<keyof T, string>) => ledger.touch(key), [ledger]);
  const ask = useCallback(() => ledger.ask(), [ledger]);
  const fill = useCallback(
    (answer: Partial<T>, asked: number) => commit(fillUntouched(latest.current, answer, ledger, asked)),
    [commit, ledger],
  );
  const current = useCallback(() => latest.current, []);
  return { values, set, touch, ask, fill, current };
}
