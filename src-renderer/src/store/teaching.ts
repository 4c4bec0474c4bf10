import { create } from 'zustand';
import { useSessions } from './sessions';

/** Which full-width page the main area shows: the selected session, or the network view. */
interface TeachingState {
  networkOpen: boolean;
  /** The address the analyser shows; other views (an interface row) can fill it. */
  analyse: string;
  setNetworkOpen(open: boolean): void;
  setAnalyse(text: string): void;
}

export const useTeaching = create<TeachingState>((set) => ({
  networkOpen: false,
  analyse: '192.168.1.10/24',
  setNetworkOpen: (networkOpen) => set({ networkOpen }),
  setAnalyse: (analyse) => set({ analyse }),
}));

// Choosing a session (in the list, or by opening a new one) leaves the network view.
useSessions.subscribe((state, previous) => {
  if (state.selectedId !== previous.selectedId && state.selectedId !== undefined)
    useTeaching.getState().setNetworkOpen(false);
});
