import { useEffect, useState } from 'react';

/** Inputs up to this many characters are previewed at every keystroke; longer ones once typing pauses. */
export const LIVE_PREVIEW_CHARS = 64 * 1024;
/** The pause after which a long input's preview (its bytes, checksum, size check) is made. */
export const SETTLE_MS = 250;

/**
 * The input the preview is made from. Encoding, checksum and the variables
 * of a 10 MB paste take tens of milliseconds (seconds in GBK): done at every
 * keystroke they would make typing lag, so a long input is previewed only
 * when the typing stops. `settled` says whether the preview is of the input
 * as it is now. The send itself always composes what the box holds.
 */
export function useSettledInput(input: string): { value: string; settled: boolean } {
  const live = input.length <= LIVE_PREVIEW_CHARS;
  const [value, setValue] = useState(input);
  useEffect(() => {
    if (live) return undefined;
    const timer = setTimeout(() => setValue(input), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [input, live]);
  return live ? { value: input, settled: true } : { value, settled: value === input };
}
