import type { StateCreator } from 'zustand';
import type { EncodingId } from '../../../src-shared/codec/encodings';
import { saveDrafts, saveEncoding } from './drafts';
import type { Store } from './store';
import { storeKeyOf, type Drafts, type SessionViewState } from './view-state';

export interface ViewSlice {
  /** Change a session's view state; a session that is gone is left alone. */
  patchView(sessionId: string, patch: Partial<SessionViewState>): void;
  /** Change what the user typed into a session's boxes (kept across a reload). */
  patchDrafts(sessionId: string, patch: Partial<Drafts>): void;
  /** The session's encoding, which every part not set on its own follows; remembered by kind + address. */
  setSessionEncoding(sessionId: string, encoding: EncodingId): void;
}

export const createViewSlice: StateCreator<Store, [], [], ViewSlice> = (set, get) => ({
  patchView(sessionId, patch) {
    const view = get().views[sessionId];
    if (!view) return;
    set({ views: { ...get().views, [sessionId]: { ...view, ...patch } } });
  },
  patchDrafts(sessionId, patch) {
    const view = get().views[sessionId];
    const record = get().sessions[sessionId];
    if (!view || !record) return;
    const drafts = { ...view.drafts, ...patch };
    set({ views: { ...get().views, [sessionId]: { ...view, drafts } } });
    saveDrafts(storeKeyOf(record.info), drafts);
  },
  setSessionEncoding(sessionId, encoding) {
    const view = get().views[sessionId];
    const record = get().sessions[sessionId];
    if (!view || !record) return;
    // A part set on its own to what is now the session's encoding simply follows it again.
    const same = (part: string | undefined): boolean => part === encoding;
    const next: SessionViewState = {
      ...view,
      encoding,
      compose: { ...view.compose, encoding },
      ...(same(view.viewMode) ? { viewMode: undefined } : {}),
      ...(same(view.composeEncoding) ? { composeEncoding: undefined } : {}),
      ...(same(view.chatEncoding) ? { chatEncoding: undefined } : {}),
    };
    set({ views: { ...get().views, [sessionId]: next } });
    saveEncoding(storeKeyOf(record.info), encoding);
  },
});
