import { z } from 'zod';
import type { CommandName } from '../../../src-shared/contract';
import {
  host,
  ipAddress,
  localPort,
  payload,
  ref,
  remotePort,
  sessionId,
  tlsClient,
  tlsServer,
} from '../schemas';
import type { CommandTable } from './table';

export type TcpCommand = Extract<CommandName, `tcp.${string}`>;

/** TCP clients, servers and their accepted connections. */
export const tcpCommands: CommandTable<TcpCommand> = {
  'tcp.connect': {
    schema: z
      .object({
        host,
        port: remotePort,
        localAddress: ipAddress.optional(),
        localPort: localPort.optional(),
        timeoutMs: z.number().int().min(1).max(600_000).optional(),
        closeOnPeerEnd: z.boolean().optional(),
        reconnectMs: z.number().int().min(0).max(3_600_000).optional(),
        tls: tlsClient.optional(),
      })
      .strict(),
    handler: (a, { engine }) => engine.connectTcp(a),
  },
  'tcp.listen': {
    schema: z
      .object({
        address: ipAddress.optional(),
        port: localPort,
        backlog: z.number().int().min(0).max(65535).optional(),
        maxClients: z.number().int().min(0).max(100_000).optional(),
        closeOnPeerEnd: z.boolean().optional(),
        tls: tlsServer.optional(),
      })
      .strict(),
    handler: (a, { engine }) => engine.listenTcp(a),
  },
  'tcp.send': {
    schema: z.object({ sessionId, payload }).strict(),
    handler: (a, { engine }) => engine.tcpSend(a.sessionId, a.payload),
  },
  'tcp.sendAll': {
    schema: z.object({ sessionId, payload }).strict(),
    handler: (a, { engine }) => engine.tcpSendAll(a.sessionId, a.payload),
  },
  'tcp.halfClose': { schema: ref, handler: (a, { engine }) => engine.halfClose(a.sessionId) },
  'tcp.reset': { schema: ref, handler: (a, { engine }) => engine.reset(a.sessionId) },
  'tcp.reconnect': { schema: ref, handler: (a, { engine }) => engine.reconnectTcp(a.sessionId) },
  'tcp.stopListening': { schema: ref, handler: (a, { engine }) => engine.stopListening(a.sessionId) },
  'tcp.disconnectAll': { schema: ref, handler: (a, { engine }) => engine.disconnectAll(a.sessionId) },
};
