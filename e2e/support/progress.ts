/**
 * Waiting for work whose duration is the machine's, not the app's: a flood
 * being counted, ten thousand entries reaching the view. How long that takes
 * depends on how busy the CPUs are, so no wall-clock figure is right; what is
 * wrong is a value that stops moving. This waits while the value moves and
 * fails only when it has stood still for `stallMs`.
 */

export interface ProgressOptions {
  /** What is awaited, for the failure message. */
  what: string;
  /** How long the value may stand still before the wait fails. */
  stallMs?: number;
}

const POLL_MS = 200;

/**
 * Read `read()` until `done(value)`; the wait ends in failure only once the
 * value has not changed for `stallMs` (bounded by the test's own timeout).
 */
export async function whileProgressing<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { what, stallMs = 30_000 }: ProgressOptions,
): Promise<T> {
  let last = await read();
  let movedAt = Date.now();
  while (!done(last)) {
    if (Date.now() - movedAt > stallMs)
      throw new Error(`${what}: stuck at ${JSON.stringify(last)} for ${stallMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const now = await read();
    if (JSON.stringify(now) !== JSON.stringify(last)) movedAt = Date.now();
    last = now;
  }
  return last;
}
