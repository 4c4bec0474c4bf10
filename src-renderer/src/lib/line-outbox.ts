import { useCallback, useRef, useState } from 'react';

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

export interface LineOutbox {
  text: string;
  /** onChange of the input. */
  type: (text: string) => void;
  /** Empties the input and returns the line to send. */
  take: () => string;
  /** The send of `line` failed: it goes back into the input. */
  putBack: (line: string) => void;
}

export function useLineOutbox(): LineOutbox {
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  // Read by take() so two sends in one render never send the same line twice.
  const latest = useRef(draft);
  const commit = useCallback((next: LineDraft) => {
    latest.current = next;
    setDraft(next);
  }, []);
  const type = useCallback((text: string) => commit(typed(latest.current, text)), [commit]);
  const take = useCallback(() => {
    const line = latest.current.text;
    commit(EMPTY_DRAFT);
    return line;
  }, [commit]);
  const putBack = useCallback((line: string) => commit(putBackUnsent(latest.current, line)), [commit]);
  return { text: draft.text, type, take, putBack };
}
