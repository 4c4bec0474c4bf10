import { useCallback, useRef, useState } from 'react';
import { EMPTY_DRAFT, putBackUnsent, typed, type LineDraft } from './line-draft';

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
