import type { PreloadApi } from '../../../src-shared/contract';
import type { Bridge } from './bridge';

/** Under Electron the preload has put one function per command on window.workbench. */
export function electronBridge(api: PreloadApi): Bridge {
  return {
    shell: 'electron',
    api,
    onEvents: (listener) => api.onEvents(listener),
    onConnection(listener) {
      listener('open');
      return () => {};
    },
    // IPC to our own main process does not drop.
    reconnect() {},
  };
}
