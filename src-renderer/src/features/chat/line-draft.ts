/**
 * A one-line input that empties when its line is sent (a chat box), without
 * ever losing what was typed: it empties at the moment of sending, not when
 * main answers, so the next line can be typed at once and no late answer can
 * clear it; a send that fails puts its line back.
 *
 * `putBack` is the text at the start of `text` that failed sends put back, so
 * that several failures (they are answered in the order they were sent) come
 * back in that order, in front of whatever was typed since.
 */
export interface LineDraft {
  text: string;
  putBack: string;
}

export const EMPTY_DRAFT: LineDraft = { text: '', putBack: '' };

/** The user typed: the put-back text stays marked only while it is still there, unchanged, at the start. */
export function typed(draft: LineDraft, text: string): LineDraft {
  return { text, putBack: text.startsWith(draft.putBack) ? draft.putBack : '' };
}

/** A line that could not be sent goes back into the input, after lines put back before it, before anything typed since. */
export function putBackUnsent(draft: LineDraft, unsent: string): LineDraft {
  const at = draft.text.startsWith(draft.putBack) ? draft.putBack.length : 0;
  const head = draft.text.slice(0, at) + unsent;
  return { text: head + draft.text.slice(at), putBack: head };
}
