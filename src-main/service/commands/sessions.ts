import { z } from 'zod';
import type { CommandName } from '../../../src-shared/contract';
import { MAX_INPUT, payloadSettings } from '../../storage/schema';
import { host, none, payload, ref, remotePort, sessionId } from '../schemas';
import type { CommandTable } from './table';

export type SessionsCommand = Extract<
  CommandName,
  `session.${string}` | `sessions.${string}` | `send.${string}`
>;

/** What applies to a session of any kind: list, send, close, remove, counters, timeline, auto-reply, periodic send. */
export const sessionsCommands: CommandTable<SessionsCommand> = {
  'sessions.list': { schema: none, handler: (_a, { engine }) => engine.list() },
  'session.setAutoReply': {
    schema: z
      .object({
        sessionId,
        config: z
          .object({
            echo: z.boolean(),
            encoding: z.string().min(1).max(32),
            rules: z
              .array(
                z
                  .object({
                    match: z.enum(['exact', 'contains', 'starts', 'ends', 'hex', 'regex']),
                    pattern: z.string().min(1).max(4096),
                    reply: z.string().max(65_536),
                    replyHex: z.boolean().optional(),
                  })
                  .strict(),
              )
              .max(64),
          })
          .strict(),
      })
      .strict(),
    handler: (a, { engine }) => engine.setAutoReply(a),
  },
  'session.close': { schema: ref, handler: (a, { engine }) => engine.close(a.sessionId) },
  'session.remove': { schema: ref, handler: (a, { engine }) => ({ removed: engine.remove(a.sessionId) }) },
  'session.send': {
    schema: z
      .object({
        sessionId,
        payload,
        host: host.optional(),
        port: remotePort.optional(),
        connect: z.boolean().optional(),
      })
      .strict(),
    handler: (a, { engine }) => engine.send(a),
  },
  'sessions.removeClosed': {
    schema: none,
    handler: (_a, { engine }) => ({ removed: engine.removeClosed() }),
  },
  'session.resetCounters': { schema: ref, handler: (a, { engine }) => engine.resetCounters(a.sessionId) },
  'session.timeline': { schema: ref, handler: (a, { engine }) => engine.timeline(a.sessionId) },
  'send.startPeriodic': {
    schema: z
      .object({
        sessionId,
        payload: payload.optional(),
        template: z
          .object({
            input: z.string().max(MAX_INPUT),
            settings: payloadSettings,
            firstCounter: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
          })
          .strict()
          .optional(),
        intervalMs: z.number().int().min(1).max(86_400_000),
        // Bounded so "count" can never be a typo that means forever; 0 is the explicit "until stopped".
        count: z.number().int().min(0).max(1_000_000_000),
        host: host.optional(),
        port: remotePort.optional(),
      })
      .strict()
      .refine((a) => (a.payload === undefined) !== (a.template === undefined), {
        message: 'give either payload or template',
      }),
    handler: (a, { engine }) => engine.startPeriodic(a),
  },
  'send.stopPeriodic': { schema: ref, handler: (a, { engine }) => engine.stopPeriodic(a.sessionId) },
};
