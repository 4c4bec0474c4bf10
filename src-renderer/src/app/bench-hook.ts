import type { DataRecord } from '../../../src-shared/contract';
import { useStore } from '../store/store';

/**
 * `npm run bench` fills a view with a million entries in a second instead of
 * sending them through the sockets (the batcher would rightly drop most of a
 * million-message burst). Installed only when the page was opened with
 * localStorage `workbench.bench` = '1', which only the bench sets; it touches
 * nothing but the view's memory.
 */
export interface BenchHook {
  fill(sessionId: string, count: number): number;
}

declare global {
  interface Window {
    workbenchBench?: BenchHook;
  }
}

export function installBenchHook(): void {
  let enabled = false;
  try {
    enabled = localStorage.getItem('workbench.bench') === '1';
  } catch {
    enabled = false;
  }
  if (!enabled) return;
  window.workbenchBench = {
    fill(sessionId, count) {
      const log = useStore.getState().logs[sessionId];
      if (!log) return 0;
      const peer = { address: '127.0.0.1', port: 40000, family: 'IPv4' as const };
      const bytes = new TextEncoder().encode('bench entry: the quick brown fox');
      const start = Date.now() * 1000;
      for (let i = 0; i < count; i += 1) {
        const record: DataRecord = { dir: i % 2 ? 'out' : 'in', t: start + i, peer, bytes };
        log.push(record);
      }
      useStore.getState().touchLog(sessionId);
      return log.length;
    },
  };
}
