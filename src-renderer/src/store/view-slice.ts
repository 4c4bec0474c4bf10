import type { StateCreator } from 'zustand';
import { saveDrafts } from './drafts';
import type { Store } from './store';
import { storeKeyOf, type Drafts, type SessionViewState } from './view-state';

export interface ViewSlice {
  /** Change a session's view state; a session that is gone is left alone. */
  patchView(sessionId: string, patch: Partial<SessionViewState>): void;
  /** Change what the user typed into a session's boxes (kept across a reload). */
  patchDrafts(sessionId: string, patch: Partial<Drafts>): void;
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
});
