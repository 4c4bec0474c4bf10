import { create } from 'zustand';
import { createNavSlice, type NavSlice } from './nav-slice';
import { createRatesSlice, type RatesSlice } from './rates-slice';
import { createSessionsSlice, type SessionsSlice } from './sessions-slice';
import { createViewSlice, type ViewSlice } from './view-slice';

/**
 * The renderer's one store (the zustand slices pattern): the sessions with
 * their logs and live counters; one view-state record per session; where the
 * user is; the rate history. Components select the smallest part they show,
 * by session id (store/hooks.ts), so a batch re-renders only what it changed.
 */
export type Store = SessionsSlice & ViewSlice & NavSlice & RatesSlice;

export const createStore = () =>
  create<Store>()((...a) => ({
    ...createSessionsSlice(...a),
    ...createViewSlice(...a),
    ...createNavSlice(...a),
    ...createRatesSlice(...a),
  }));

export const useStore = createStore();
