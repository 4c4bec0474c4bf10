import { create } from 'zustand';
import type { EncodingId } from '../../../src-shared/codec/encodings';
import type { DialogKind } from '../../../src-shared/contract';
import type { ConnectionState } from '../bridge';
import type { Draft } from '../features/teaching/code-message';
import { DEFAULT_FRAMING, type FramingSetting } from '../features/log/framing';

export type { DialogKind };
/** A log shown as text in an encoding, or as hex. */
export type ViewMode = EncodingId | 'hex';
/** What a log shows before anyone picks: UTF-8 text. The Code tab's decode() follows the same. */
export const DEFAULT_VIEW_MODE: ViewMode = 'utf-8';

/** Which entries a log shows: everything, or one peer's and/or one direction's. */
export interface LogFilter {
  /** `ip:port` as formatEndpoint() writes it. */
  peer?: string;
  dir?: 'in' | 'out';
}

interface UiState {
  dialog: DialogKind | undefined;
  connection: ConnectionState;
  viewMode: Record<string, ViewMode>;
  /** UDP composer destinations per session, so "reply to sender" can fill them. */
  destination: Record<string, { host: string; port: string }>;
  draft: Record<string, Draft>;
  logFilter: Record<string, LogFilter>;
  /** TCP stream logs: chunks as read, or grouped into messages (lib/framing.ts). */
  framing: Record<string, FramingSetting>;
  openDialog(kind: DialogKind | undefined): void;
  setLogFilter(sessionId: string, filter: LogFilter): void;
  setConnection(state: ConnectionState): void;
  setViewMode(sessionId: string, mode: ViewMode): void;
  setDestination(sessionId: string, host: string, port: string): void;
  setDraft(sessionId: string, draft: Draft): void;
  setFraming(sessionId: string, change: Partial<FramingSetting>): void;
}

export const useUi = create<UiState>((set) => ({
  dialog: undefined,
  connection: 'connecting',
  viewMode: {},
  destination: {},
  draft: {},
  logFilter: {},
  framing: {},
  openDialog: (dialog) => set({ dialog }),
  setLogFilter: (sessionId, filter) => set((s) => ({ logFilter: { ...s.logFilter, [sessionId]: filter } })),
  setConnection: (connection) => set({ connection }),
  setViewMode: (sessionId, mode) => set((s) => ({ viewMode: { ...s.viewMode, [sessionId]: mode } })),
  setDestination: (sessionId, host, port) =>
    set((s) => ({ destination: { ...s.destination, [sessionId]: { host, port } } })),
  setDraft: (sessionId, draft) => set((s) => ({ draft: { ...s.draft, [sessionId]: draft } })),
  setFraming: (sessionId, change) =>
    set((s) => ({
      framing: { ...s.framing, [sessionId]: { ...DEFAULT_FRAMING, ...s.framing[sessionId], ...change } },
    })),
}));

/** Main is out of reach (the link dropped): nothing the page shows of it is known to be current. */
export const useOffline = (): boolean => useUi((s) => s.connection === 'closed' || s.connection === 'lost');
