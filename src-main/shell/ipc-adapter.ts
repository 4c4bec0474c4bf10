import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { ipcMain } from 'electron';
import { IPC_EVENTS_CHANNEL, ipcChannel } from '../../src-shared/commands';
import type { Engine } from '../engine/engine';
import type { Service } from '../service/service';
import { ipcCall, type IpcSender } from './guards';

/**
 * Serves the bridge contract over Electron IPC: one invoke handler per
 * command the service's tables hold, each refusing any sender but our window's own top frame at our own
 * URL, and engine event batches sent to that window.
 */
export function attachIpc(
  window: BrowserWindow,
  engine: Engine,
  service: Service,
  isTrustedUrl: (url: string) => boolean,
): () => void {
  // The decision itself is pure (guards.ipcCall, unit-tested without Electron); here we only gather its facts.
  const senderOf = (event: IpcMainInvokeEvent): IpcSender => ({
    fromOurWindow: event.sender === window.webContents,
    fromMainFrame: event.senderFrame !== null && event.senderFrame === window.webContents.mainFrame,
    frameUrl: event.senderFrame?.url,
  });

  for (const name of service.commands) {
    ipcMain.handle(ipcChannel(name), (event, args: unknown) =>
      ipcCall(senderOf(event), isTrustedUrl, service, name, args),
    );
  }
  const unsubscribe = engine.onEvents((batch) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENTS_CHANNEL, batch);
  });
  return () => {
    unsubscribe();
    for (const name of service.commands) ipcMain.removeHandler(ipcChannel(name));
  };
}
