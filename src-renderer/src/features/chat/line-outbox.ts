import { useCallback, useMemo } from 'react';
import { useViewState } from '../../store/hooks';
import { useStore } from '../../store/store';
import { putBackUnsent, typed, type LineDraft } from './line-draft';

export interface LineOutbox {
  text: string;
  /** onChange of the input. */
  type: (text: string) => void;
  /** Empties the input and returns the line to send. */
  take: () => string;
  /** The send of `line` failed: it goes back into the input. */
  putBack: (line: string) => void;
}

/**
 * A session's chat line, kept in its view state (so it survives a switch to
 * another session and a reload). Read and written through the store at once,
 * so two sends in one render never send the same line twice.
 */
export function useLineOutbox(sessionId: string): LineOutbox {
  const text = useViewState(sessionId, (v) => v.drafts.chatLine, '');
  const read = useCallback((): LineDraft => {
    const view = useStore.getState().views[sessionId];
    return { text: view?.drafts.chatLine ?? '', putBack: view?.chatPutBack ?? '' };
  }, [sessionId]);
  const commit = useCallback(
    (next: LineDraft) => {
      const { patchDrafts, patchView } = useStore.getState();
      patchView(sessionId, { chatPutBack: next.putBack });
      patchDrafts(sessionId, { chatLine: next.text });
    },
    [sessionId],
  );
  return useMemo(
    () => ({
      text,
      type: (value: string) => commit(typed(read(), value)),
      take: () => {
        const line = read().text;
        commit({ text: '', putBack: '' });
        return line;
      },
      putBack: (line: string) => commit(putBackUnsent(read(), line)),
    }),
    [text, commit, read],
  );
}
