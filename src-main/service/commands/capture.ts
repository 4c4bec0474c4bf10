import { isAbsolute } from 'node:path';
import { z } from 'zod';
import {
  CAPTURE_MAX_BYTES,
  CAPTURE_MAX_FILES,
  CAPTURE_MIN_BYTES,
} from '../../../src-shared/capture/settings';
import type { CommandName } from '../../../src-shared/contract';
import { ref, sessionId } from '../schemas';
import type { CommandTable } from './table';

export type CaptureCommand = Extract<CommandName, `capture.${string}`>;

/** Capture to rotating pcapng / JSON-lines files. */
export const captureCommands: CommandTable<CaptureCommand> = {
  'capture.start': {
    schema: z
      .object({
        sessionId,
        format: z.enum(['pcapng', 'jsonl']),
        // Absolute only: a relative path would land wherever main happened to start.
        path: z.string().min(1).max(4096).refine(isAbsolute).optional(),
        directory: z.string().min(1).max(4096).refine(isAbsolute).optional(),
        maxBytes: z.number().int().min(CAPTURE_MIN_BYTES).max(CAPTURE_MAX_BYTES).optional(),
        maxFiles: z.number().int().min(1).max(CAPTURE_MAX_FILES).optional(),
      })
      .strict()
      .refine((a) => !(a.path && a.directory)),
    handler: (a, { engine }) => engine.startCapture(a),
  },
  'capture.stop': { schema: ref, handler: (a, { engine }) => engine.stopCapture(a.sessionId) },
};
