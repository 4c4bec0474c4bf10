import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { ipcMain } from 'electron';
import { COMMAND_NAMES, IPC_EVENTS_CHANNEL, ipcChannel } from '../../src-shared/commands';
import type { Result } from '../../src-shared/contract';
import { ERROR_MESSAGES_EN } from '../../src-shared/errors';
import type { Engine } from '../engine/engine';
import type { Service } from '../service/service';

const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: ERROR_MESSAGES_EN.FORBIDDEN },
};

/**
 * Serves the bridge contract over Electron IPC: one invoke handler per
 * command, each refusing any sender but our window's own top frame at our own
 * URL, and engine event batches sent to that window.
 */
export function attachIpc(
  window: BrowserWindow,
  engine: Engine,
  service: Service,
  isTrustedUrl: (url: string) => boolean,
): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean =>
    event.sender === window.webContents &&
    event.senderFrame !== null &&
    event.senderFrame === window.webContents.mainFrame &&
    isTrustedUrl(event.senderFrame.url);

  for (const name of COMMAND_NAMES) {
    ipcMain.handle(ipcChannel(name), (event, args: unknown) =>
      trusted(event) ? service.call(name, args) : FORBIDDEN,
    );
  }
  const unsubscribe = engine.onEvents((batch) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENTS_CHANNEL, batch);
  });
  return () => {
    unsubscribe();
    for (const name of COMMAND_NAMES) ipcMain.removeHandler(ipcChannel(name));
  };
}
