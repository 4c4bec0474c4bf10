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

      /** One message: a datagram to `target` (UDP), a write (a connection), or to every client (a server). */
      async send(payload: Uint8Array, target?: SendTarget): Promise<Result<SendOutcome>> {
        if (kind === 'udp') {
          if (!target)
            return { ok: false, error: { code: 'NO_DESTINATION', message: 'Enter the destination first.' } };
          return api['udp.send']({
            ...ref,
            host: target.host,
            port: target.port,
            payload,
            connect: target.connect ?? false,
          });
        }
        if (kind === 'tcp-server') return api['tcp.sendAll']({ ...ref, payload });
        return api['tcp.send']({ ...ref, payload });
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
        if (kind === 'tcp-server') return api['tcp.sendAll']({ ...ref, payload });
        return api['tcp.send']({ ...ref, payload });
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

/** Remove these closed sessions, one at a time: each answer is small, and a failure (already removed) leaves the rest to go. */
export function useRemoveClosed(): (ids: string[]) => Promise<void> {
  const { api } = useBridge();
  return useMemo(
    () => async (ids: string[]) => {
      for (const sessionId of ids) await api['session.remove']({ sessionId });
    },
    [api],
  );
}
