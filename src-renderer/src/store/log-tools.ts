import { create } from 'zustand';

/** Per session: the log's text / hex search and whether the view is paused. */
export interface LogTools {
  /** Matches the bytes decoded in the view's encoding, ignoring case. */
  text: string;
  /** Matches a byte sequence, typed as hex (`0d 0a`, `0x7E`…). */
  hex: string;
  /** While paused, the view shows entries up to this sequence number; the ring keeps filling. */
  pausedAt?: number;
}

const EMPTY: LogTools = { text: '', hex: '' };

interface LogToolsState {
  tools: Record<string, LogTools>;
  set(sessionId: string, patch: Partial<LogTools>): void;
}

export const useLogToolsStore = create<LogToolsState>((set) => ({
  tools: {},
  set: (sessionId, patch) =>
    set((s) => ({ tools: { ...s.tools, [sessionId]: { ...(s.tools[sessionId] ?? EMPTY), ...patch } } })),
}));

export const useLogTools = (sessionId: string): LogTools =>
  useLogToolsStore((s) => s.tools[sessionId] ?? EMPTY);
