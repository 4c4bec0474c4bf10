import { contextBridge, ipcRenderer } from 'electron';
import {
  IPC_EVENTS_ACK_CHANNEL,
  IPC_EVENTS_CHANNEL,
  ipcChannel,
  isCommandName,
} from '../src-shared/commands';
import type { CommandName, EventBatch, PreloadApi, Result } from '../src-shared/contract';
import { ERROR_MESSAGES_EN, formatMessage } from '../src-shared/errors';

/**
 * The renderer's one transport under Electron (src-shared/contract.ts
 * `Transport`): `call(name, args)` for a contract command and `onEvents` for
 * main's batches. Never Electron's event object or ipcRenderer itself.
 */
const listeners = new Set<(batch: EventBatch) => void>();

// Every batch is acknowledged once the page's listeners have run: main sheds payloads
// while too much is unacknowledged, so a window that cannot keep up is never flooded.
ipcRenderer.on(IPC_EVENTS_CHANNEL, (_event: Electron.IpcRendererEvent, batch: EventBatch, seq: unknown) => {
  try {
    for (const listener of listeners) listener(batch);
  } finally {
    if (typeof seq === 'number') ipcRenderer.send(IPC_EVENTS_ACK_CHANNEL, seq);
  }
});

const api: PreloadApi = {
  call(name: CommandName, args: unknown): Promise<Result<unknown>> {
    // Only contract commands reach an IPC channel: a made-up name is refused here, in words.
    if (!isCommandName(name))
      return Promise.resolve({
        ok: false,
        error: {
          code: 'BAD_COMMAND',
          message: formatMessage(ERROR_MESSAGES_EN.BAD_COMMAND, { name: String(name) }),
          params: { name: String(name) },
        },
      });
    return ipcRenderer.invoke(ipcChannel(name), args) as Promise<Result<unknown>>;
  },
  onEvents(listener) {
    // A wrapper per subscription, so subscribing the same function twice works as before.
    const forward = (batch: EventBatch): void => listener(batch);
    listeners.add(forward);
    return () => {
      listeners.delete(forward);
    };
  },
};

contextBridge.exposeInMainWorld('workbench', api);
