import type { BrowserWindow, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { ipcMain } from 'electron';
import { IPC_EVENTS_ACK_CHANNEL, IPC_EVENTS_CHANNEL, ipcChannel } from '../../src-shared/commands';
import type { Engine } from '../engine/engine';
import type { Service } from '../service/service';
import { AckedEvents } from './flow-control';
import { ipcCall, ipcSenderTrusted, type IpcSender } from './guards';

/**
 * Serves the bridge contract over Electron IPC: one invoke handler per
 * command the service's tables hold, each refusing any sender but our
 * window's own top frame at our own URL, and engine event batches sent to
 * that window, numbered, with the flow control of ./flow-control (the
 * preload acknowledges each batch it delivers; a window that falls 8 MiB of
 * payload behind gets state and counters without the bytes until it catches up).
 */
export function attachIpc(
  window: BrowserWindow,
  engine: Engine,
  service: Service,
  isTrustedUrl: (url: string) => boolean,
): () => void {
  // The decision itself is pure (guards.ipcCall, unit-tested without Electron); here we only gather its facts.
  const senderOf = (event: IpcMainInvokeEvent | IpcMainEvent): IpcSender => ({
    fromOurWindow: event.sender === window.webContents,
    fromMainFrame: event.senderFrame !== null && event.senderFrame === window.webContents.mainFrame,
    frameUrl: event.senderFrame?.url,
  });

  for (const name of service.commands) {
    ipcMain.handle(ipcChannel(name), (event, args: unknown) =>
      ipcCall(senderOf(event), isTrustedUrl, service, name, args),
    );
  }
  const events = new AckedEvents((batch, seq) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENTS_CHANNEL, batch, seq);
  });
  const onAck = (event: IpcMainEvent, seq: unknown): void => {
    if (ipcSenderTrusted(senderOf(event), isTrustedUrl)) events.ack(seq);
  };
  ipcMain.on(IPC_EVENTS_ACK_CHANNEL, onAck);
  const unsubscribe = engine.onEvents((batch) => events.push(batch));
  return () => {
    unsubscribe();
    ipcMain.off(IPC_EVENTS_ACK_CHANNEL, onAck);
    for (const name of service.commands) ipcMain.removeHandler(ipcChannel(name));
  };
}
