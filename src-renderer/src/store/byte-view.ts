import { create } from 'zustand';

/** How a log lays out its entries: one line each, or a hex dump of each. */
export type LogLayout = 'rows' | 'dump';

/** Per-session view options of the byte views (the encoding itself stays in the ui store's viewMode). */
interface ByteViewState {
  layout: Record<string, LogLayout>;
  /** Timestamps column hidden; shown unless switched off. */
  hideTime: Record<string, boolean>;
  /** The log entry (by seq) open in the byte inspector, per session. */
  inspecting: Record<string, number | undefined>;
  setLayout(sessionId: string, layout: LogLayout): void;
  setHideTime(sessionId: string, hide: boolean): void;
  inspect(sessionId: string, seq: number | undefined): void;
}

export const useByteView = create<ByteViewState>((set) => ({
  layout: {},
  hideTime: {},
  inspecting: {},
  setLayout: (sessionId, layout) => set((s) => ({ layout: { ...s.layout, [sessionId]: layout } })),
  setHideTime: (sessionId, hide) => set((s) => ({ hideTime: { ...s.hideTime, [sessionId]: hide } })),
  inspect: (sessionId, seq) => set((s) => ({ inspecting: { ...s.inspecting, [sessionId]: seq } })),
}));
