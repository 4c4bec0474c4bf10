/**
 * Above this many characters a pasted text is held out of the edit box.
 * Chromium lays out a <textarea>'s whole content again at every keystroke:
 * with a megabyte in it each key costs about a second (measured with no app
 * code at all), with ten megabytes several. Held, the text is sent whole and
 * typing everywhere stays instant; the user may still choose to edit it.
 */
export const HELD_TEXT_CHARS = 200_000;

/** The start of a held text, as much as is shown of it. */
export const HELD_EXCERPT_CHARS = 600;

/** The box's text with `pasted` put where the selection was, as a paste would. */
export function pastedInto(current: string, start: number, end: number, pasted: string): string {
  return current.slice(0, start) + pasted + current.slice(end);
}
