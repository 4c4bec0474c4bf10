import { randomUUID } from 'node:crypto';
import type { AppInfo, CommandArgs, CommandName, CommandResult, Result } from '../../src-shared/contract';
import { isCommandName } from '../../src-shared/commands';
import { ERROR_MESSAGES_EN, formatMessage } from '../../src-shared/errors';
import { describeError } from '../errors/describe-error';
import type { Engine } from '../engine/engine';
import { SettingsStore } from '../storage/settings-store';
import { listInterfaces } from '../engine/interfaces';
import { checkPortFree, listPorts } from '../system/ports';
import { schemas } from './schemas';
import { validationError } from './validation-error';

/** A refused command name for the message; String() throws on a null-prototype object or a hostile toString. */
function nameOf(name: unknown): string {
  try {
    return String(name);
  } catch {
    return Object.prototype.toString.call(name);
  }
}

type Handlers = {
  [K in CommandName]: (args: CommandArgs<K>) => CommandResult<K> | Promise<CommandResult<K>>;
};

export interface ServiceInfo {
  shell: AppInfo['shell'];
  version: string;
}

export interface Service {
  /** Run a command whose name and arguments came from outside: both are checked. Never throws. */
  call(name: unknown, args: unknown): Promise<Result<unknown>>;
}

/**
 * The command router: validates every input with its schema, runs it on the
 * engine and turns any failure into { code, message }. Both shells (IPC and
 * WebSocket) call this one function, so they cannot behave differently.
 */
export function createService(
  engine: Engine,
  info: ServiceInfo,
  /** Saved messages and settings; without one (tests of other parts) they live in memory only. */
  store: SettingsStore = new SettingsStore(),
): Service {
  const instance = randomUUID();
  const handlers: Handlers = {
    'app.info': () => ({
      shell: info.shell,
      version: info.version,
      platform: process.platform,
      instance,
      sessions: engine.list(),
    }),
    'sessions.list': () => engine.list(),
    'udp.open': (a) => engine.openUdp(a),
    'udp.send': (a) => engine.udpSend(a),
    'udp.configure': (a) => engine.udpConfigure(a),
    'udp.joinGroup': (a) => engine.udpJoinGroup(a),
    'udp.leaveGroup': (a) => engine.udpLeaveGroup(a),
    'udp.peers': (a) => engine.udpPeers(a.sessionId),
    'net.interfaces': () => listInterfaces(),
    'net.ports': () => listPorts(),
    'net.portFree': (a) => checkPortFree(a.port, a.address),
    'tcp.connect': (a) => engine.connectTcp(a),
    'tcp.listen': (a) => engine.listenTcp(a),
    'tcp.send': (a) => engine.tcpSend(a.sessionId, a.payload),
    'tcp.sendAll': (a) => engine.tcpSendAll(a.sessionId, a.payload),
    'tcp.halfClose': (a) => engine.halfClose(a.sessionId),
    'tcp.reset': (a) => engine.reset(a.sessionId),
    'tcp.reconnect': (a) => engine.reconnectTcp(a.sessionId),
    'tcp.stopListening': (a) => engine.stopListening(a.sessionId),
    'tcp.disconnectAll': (a) => engine.disconnectAll(a.sessionId),
    'session.setAutoReply': (a) => engine.setAutoReply(a),
    'session.close': (a) => engine.close(a.sessionId),
    'session.remove': (a) => ({ removed: engine.remove(a.sessionId) }),
    'session.resetCounters': (a) => engine.resetCounters(a.sessionId),
    'session.timeline': (a) => engine.timeline(a.sessionId),
    'capture.start': (a) => engine.startCapture(a),
    'capture.stop': (a) => engine.stopCapture(a.sessionId),
    'send.startPeriodic': (a) => engine.startPeriodic(a),
    'send.stopPeriodic': (a) => engine.stopPeriodic(a.sessionId),
    'udp.sendChunked': (a) => engine.udpSendChunked(a),
    'store.get': (a) => store.view(a.key),
    'store.saveMessage': (a) => store.saveMessage(a),
    'store.deleteMessage': (a) => store.deleteMessage(a),
    'store.setComposer': (a) => store.setComposer(a),
    'store.getDialog': (a) => store.dialog(a.kind),
    'store.setDialog': (a) => store.setDialog(a),
    'store.getUi': () => store.ui(),
    'store.setUi': (a) => store.setUi(a),
  };

  async function run<K extends CommandName>(name: K, raw: unknown): Promise<Result<CommandResult<K>>> {
    try {
      // Inside the try: a value no one foresaw must still come back as { ok: false }, never a rejection.
      const parsed = schemas[name].safeParse(raw ?? {});
      if (!parsed.success) return { ok: false, error: validationError(parsed.error, raw, name) };
      const handler = handlers[name] as (
        args: CommandArgs<K>,
      ) => CommandResult<K> | Promise<CommandResult<K>>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      return { ok: false, error: describeError(err) };
    }
  }

  return {
    async call(name, args) {
      if (!isCommandName(name)) {
        const params = { name: nameOf(name).slice(0, 64) };
        return {
          ok: false,
          error: {
            code: 'BAD_COMMAND',
            message: formatMessage(ERROR_MESSAGES_EN.BAD_COMMAND, params),
            params,
          },
        };
      }
      return run(name, args);
    },
  };
}
