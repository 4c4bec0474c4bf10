import { contextBridge, ipcRenderer } from 'electron';
import {
  COMMAND_NAMES,
  IPC_EVENTS_ACK_CHANNEL,
  IPC_EVENTS_CHANNEL,
  ipcChannel,
} from '../src-shared/commands';
import type { EventBatch, PreloadApi } from '../src-shared/contract';

/**
 * Exposes one function per contract command, and an event subscription that
 * hands the renderer the batch only, never Electron's event object or
 * ipcRenderer itself.
 */
const commands = Object.fromEntries(
  COMMAND_NAMES.map((name) => [name, (args: unknown) => ipcRenderer.invoke(ipcChannel(name), args)]),
);

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

const api = {
  ...commands,
  onEvents(listener: (batch: EventBatch) => void): () => void {
    // A wrapper per subscription, so subscribing the same function twice works as before.
    const forward = (batch: EventBatch): void => listener(batch);
    listeners.add(forward);
    return () => {
      listeners.delete(forward);
    };
  },
} as PreloadApi;

contextBridge.exposeInMainWorld('workbench', api);
