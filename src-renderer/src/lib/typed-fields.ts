import { useCallback, useRef, useState } from 'react';

/**
 * What the user typed is sacred: an answer from main (remembered values, a
 * stored view) that arrives after the user has started editing never
 * overwrites a field the user touched since it was asked for. Main can be
 * slow to answer (a busy machine, the web shell over a network), so "the
 * answer comes before anyone types" is never assumed.
 *
 * The ledger is a clock: every ask and every touch takes the next tick, and an
 * answer may fill a field only if that field's last touch is older than the ask.
 */
export class TouchLedger<K extends string> {
  private clock = 0;
  private readonly touchedAt = new Map<K, number>();

  /** The moment a question goes to main; pass it back to `untouchedSince` with the answer. */
  ask(): number {
    this.clock += 1;
    return this.clock;
  }

  /** The user edited this field, or put the cursor in it to edit. */
  touch(key: K): void {
    this.clock += 1;
    this.touchedAt.set(key, this.clock);
  }

  untouchedSince(key: K, asked: number): boolean {
    return (this.touchedAt.get(key) ?? 0) < asked;
  }
}

/** `current` with the answer's values for the fields nobody touched since `asked`; the same object when nothing changes. */
export function fillUntouched<T extends object>(
  current: T,
  answer: Partial<T>,
  ledger: TouchLedger<Extract<keyof T, string>>,
  asked: number,
): T {
  let next = current;
  for (const key of Object.keys(answer) as Extract<keyof T, string>[]) {
    const value = answer[key];
    if (value === undefined || !ledger.untouchedSince(key, asked) || current[key] === value) continue;
    if (next === current) next = { ...current };
    next[key] = value as T[typeof key];
  }
  return next;
}

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
