import { create } from 'zustand';
import type { EncodingId } from '../../../src-shared/codec/encodings';
import type { ConnectionState } from '../bridge';

export type DialogKind = 'udp' | 'tcp-client' | 'tcp-server';
/** A log shown as text in an encoding, or as hex. */
export type ViewMode = EncodingId | 'hex';

interface UiState {
  dialog: DialogKind | undefined;
  connection: ConnectionState;
  viewMode: Record<string, ViewMode>;
  /** UDP composer destinations per session, so "reply to sender" can fill them. */
  destination: Record<string, { host: string; port: string }>;
  openDialog(kind: DialogKind | undefined): void;
  setConnection(state: ConnectionState): void;
  setViewMode(sessionId: string, mode: ViewMode): void;
  setDestination(sessionId: string, host: string, port: string): void;
}

export const useUi = create<UiState>((set) => ({
  dialog: undefined,
  connection: 'connecting',
  viewMode: {},
  destination: {},
  openDialog: (dialog) => set({ dialog }),
  setConnection: (connection) => set({ connection }),
  setViewMode: (sessionId, mode) => set((s) => ({ viewMode: { ...s.viewMode, [sessionId]: mode } })),
  setDestination: (sessionId, host, port) =>
    set((s) => ({ destination: { ...s.destination, [sessionId]: { host, port } } })),
}));
