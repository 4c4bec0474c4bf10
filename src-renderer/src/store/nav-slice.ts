import type { StateCreator } from 'zustand';
import type { DialogKind } from '../../../src-shared/contract';
import type { ConnectionState } from '../bridge/bridge';
import type { Store } from './store';

export type { DialogKind };

/** Where the user is (which page, which dialog) and the link to main. */
export interface NavSlice {
  dialog: DialogKind | undefined;
  connection: ConnectionState;
  /** The main area shows the network view instead of the selected session. */
  networkOpen: boolean;
  /** The address the network view's analyser shows; other views (an interface row) can fill it. */
  analyse: string;
  openDialog(kind: DialogKind | undefined): void;
  setConnection(state: ConnectionState): void;
  setNetworkOpen(open: boolean): void;
  setAnalyse(text: string): void;
}

export const createNavSlice: StateCreator<Store, [], [], NavSlice> = (set) => ({
  dialog: undefined,
  connection: 'connecting',
  networkOpen: false,
  analyse: '192.168.1.10/24',
  openDialog: (dialog) => set({ dialog }),
  setConnection: (connection) => set({ connection }),
  setNetworkOpen: (networkOpen) => set({ networkOpen }),
  setAnalyse: (analyse) => set({ analyse }),
});
