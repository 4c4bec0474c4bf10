import { useMemo } from 'react';
import type {
  AutoReplyConfig,
  BroadcastResult,
  CaptureStartArgs,
  PeriodicStartArgs,
  Result,
  SendResult,
  SessionInfo,
  UdpConfigureArgs,
  UdpGroupArgs,
} from '../../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';

/** Where a UDP send goes; streams have their peer already. */
export interface SendTarget {
  host: string;
  port: number;
  /** UDP: connect() to the destination first, so "port unreachable" comes back as an error. */
  connect?: boolean;
}

/** What a send did: bytes written, and for a server's send-to-all how many clients got them. */
export type SendOutcome = SendResult & Partial<BroadcastResult>;

/**
 * Everything a person can ask of one session, as functions. Components call
 * these and never a bridge command by name; which command a kind needs (a
 * datagram to a destination, a stream write, a server's send to every
 * client) is chosen here and nowhere else.
 */
export function useSessionActions(info: Pick<SessionInfo, 'id' | 'kind'>) {
  const { api } = useBridge();
  const { id: sessionId, kind } = info;
  return useMemo(() => {
    const ref = { sessionId };
    return {
      close: () => api['session.close'](ref),
      remove: () => api['session.remove'](ref),
      reconnect: () => api['tcp.reconnect'](ref),
      halfClose: () => api['tcp.halfClose'](ref),
      reset: () => api['tcp.reset'](ref),
      stopListening: () => api['tcp.stopListening'](ref),
      disconnectAll: () => api['tcp.disconnectAll'](ref),
      resetCounters: () => api['session.resetCounters'](ref),
      timeline: () => api['session.timeline'](ref),

      /**
       * One message: main chooses a datagram to `target` (UDP), a write (a connection) or a
       * write to every client (a server) by the session's kind (session.send).
       */
      send(payload: Uint8Array, target?: SendTarget): Promise<Result<SendOutcome>> {
        const to =
          kind === 'udp' && target
            ? { host: target.host, port: target.port, connect: target.connect ?? false }
            : {};
        return api['session.send']({ ...ref, payload, ...to });
      },
      /** A file's bytes: UDP cuts them into datagrams of `datagramSize`, a stream writes them as they are. */
      async sendChunk(
        payload: Uint8Array,
        target: SendTarget | undefined,
        datagramSize: number,
      ): Promise<Result<unknown>> {
        if (kind === 'udp') {
          if (!target)
            return { ok: false, error: { code: 'NO_DESTINATION', message: 'Enter the destination first.' } };
          return api['udp.sendChunked']({
            ...ref,
            host: target.host,
            port: target.port,
            payload,
            datagramSize,
          });
        }
        // A stream writes the file's bytes as they are, to its peer or to every client.
        return api['session.send']({ ...ref, payload });
      },
      startPeriodic: (args: Omit<PeriodicStartArgs, 'sessionId'>) =>
        api['send.startPeriodic']({ ...ref, ...args }),
      stopPeriodic: () => api['send.stopPeriodic'](ref),

      setAutoReply: (config: AutoReplyConfig) => api['session.setAutoReply']({ ...ref, config }),
      startCapture: (args: Omit<CaptureStartArgs, 'sessionId'>) => api['capture.start']({ ...ref, ...args }),
      stopCapture: () => api['capture.stop'](ref),

      configureUdp: (changes: Omit<UdpConfigureArgs, 'sessionId'>) =>
        api['udp.configure']({ ...ref, ...changes }),
      joinGroup: (args: Omit<UdpGroupArgs, 'sessionId'>) => api['udp.joinGroup']({ ...ref, ...args }),
      leaveGroup: (args: Omit<UdpGroupArgs, 'sessionId'>) => api['udp.leaveGroup']({ ...ref, ...args }),
      peers: () => api['udp.peers'](ref),
    };
  }, [api, sessionId, kind]);
}

export type SessionActions = ReturnType<typeof useSessionActions>;

/** Remove every closed session: main knows servers and their clients (sessions.removeClosed). */
export function useRemoveClosed(): () => Promise<unknown> {
  const { api } = useBridge();
  return useMemo(() => () => api['sessions.removeClosed']({}), [api]);
}
