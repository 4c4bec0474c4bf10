import { contextBridge, ipcRenderer } from 'electron';
import { COMMAND_NAMES, IPC_EVENTS_CHANNEL, ipcChannel } from '../src-shared/commands';
import type { EventBatch, PreloadApi } from '../src-shared/contract';

/**
 * Exposes one function per contract command, and an event subscription that
 * hands the renderer the batch only, never Electron's event object or
 * ipcRenderer itself.
 */
const commands = Object.fromEntries(
  COMMAND_NAMES.map((name) => [name, (args: unknown) => ipcRenderer.invoke(ipcChannel(name), args)]),
);

const api = {
  ...commands,
  onEvents(listener: (batch: EventBatch) => void): () => void {
    const forward = (_event: Electron.IpcRendererEvent, batch: EventBatch): void => listener(batch);
    ipcRenderer.on(IPC_EVENTS_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENTS_CHANNEL, forward);
    };
  },
} as PreloadApi;

contextBridge.exposeInMainWorld('workbench', api);
