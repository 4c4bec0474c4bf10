import { z } from 'zod';
import type { CommandName } from '../../../src-shared/contract';
import {
  MAX_DATAGRAM,
  MAX_FILE_CHUNK,
  MAX_RECEIVE_BUFFER,
  MIN_RECEIVE_BUFFER,
  family,
  group,
  host,
  ipAddress,
  localPort,
  payload,
  ref,
  remotePort,
  sessionId,
  ttl,
} from '../schemas';
import type { CommandTable } from './table';

export type UdpCommand = Extract<CommandName, `udp.${string}`>;

/** UDP endpoints: open, send, socket options, multicast groups, peers. */
export const udpCommands: CommandTable<UdpCommand> = {
  'udp.open': {
    schema: z
      .object({
        bind: z.boolean(),
        address: ipAddress.optional(),
        port: localPort.optional(),
        family: family.optional(),
      })
      .strict(),
    handler: (a, { engine }) => engine.openUdp(a),
  },
  'udp.send': {
    schema: z
      .object({ sessionId, host, port: remotePort, payload, connect: z.boolean().optional() })
      .strict(),
    handler: (a, { engine }) => engine.udpSend(a),
  },
  'udp.configure': {
    schema: z
      .object({
        sessionId,
        broadcast: z.boolean().optional(),
        ttl: ttl.optional(),
        multicastTtl: z.number().int().min(0).max(255).optional(),
        multicastLoopback: z.boolean().optional(),
        multicastInterface: z.union([z.literal(''), ipAddress]).optional(),
        receiveBufferSize: z.number().int().min(MIN_RECEIVE_BUFFER).max(MAX_RECEIVE_BUFFER).optional(),
      })
      .strict(),
    handler: (a, { engine }) => engine.udpConfigure(a),
  },
  'udp.joinGroup': { schema: group, handler: (a, { engine }) => engine.udpJoinGroup(a) },
  'udp.leaveGroup': { schema: group, handler: (a, { engine }) => engine.udpLeaveGroup(a) },
  'udp.peers': { schema: ref, handler: (a, { engine }) => engine.udpPeers(a.sessionId) },
  'udp.sendChunked': {
    schema: z
      .object({
        sessionId,
        host,
        port: remotePort,
        payload: z.instanceof(Uint8Array).refine((p) => p.byteLength <= MAX_FILE_CHUNK),
        datagramSize: z.number().int().min(1).max(MAX_DATAGRAM),
      })
      .strict(),
    handler: (a, { engine }) => engine.udpSendChunked(a),
  },
};
