import type { CommandName } from './contract';

/**
 * The command names at run time, for the adapters that register or expose one
 * handler per command. The mapped type makes a missing or extra name a compile
 * error, so this list cannot drift from the contract.
 */
const names: { [K in CommandName]: true } = {
  'app.info': true,
  'sessions.list': true,
  'udp.open': true,
  'udp.send': true,
  'udp.configure': true,
  'udp.joinGroup': true,
  'udp.leaveGroup': true,
  'udp.peers': true,
  'net.interfaces': true,
  'net.ports': true,
  'net.portFree': true,
  'tcp.connect': true,
  'tcp.listen': true,
  'tcp.send': true,
  'tcp.sendAll': true,
  'tcp.halfClose': true,
  'tcp.reset': true,
  'tcp.reconnect': true,
  'tcp.stopListening': true,
  'tcp.disconnectAll': true,
  'session.setAutoReply': true,
  'session.close': true,
  'scenario.run': true,
  'scenario.cancel': true,
  'session.remove': true,
  'session.resetCounters': true,
  'session.timeline': true,
  'session.send': true,
  'sessions.removeClosed': true,
  'capture.start': true,
  'capture.stop': true,
  'send.startPeriodic': true,
  'send.stopPeriodic': true,
  'udp.sendChunked': true,
  'store.get': true,
  'store.saveMessage': true,
  'store.deleteMessage': true,
  'store.setComposer': true,
  'store.getDialog': true,
  'store.setDialog': true,
  'store.getUi': true,
  'store.setUi': true,
};

export const COMMAND_NAMES = Object.keys(names) as CommandName[];

export function isCommandName(value: unknown): value is CommandName {
  return typeof value === 'string' && Object.hasOwn(names, value);
}

/** Electron IPC channel names, derived from the contract and used by preload and main alike. */
export const ipcChannel = (name: CommandName): string => `workbench:${name}`;
export const IPC_EVENTS_CHANNEL = 'workbench:events';
/** The preload's answer to each event batch it delivered: the batch's number (flow control, src-main/shell/flow-control.ts). */
export const IPC_EVENTS_ACK_CHANNEL = 'workbench:events-ack';
