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
