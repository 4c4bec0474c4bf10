import { decode, encode } from '@msgpack/msgpack';
import type { ClientFrame, ServerFrame } from '../../src-shared/web-frames';

/** MessagePack keeps payload bytes binary on the WebSocket; undefined fields are left out, not sent as null. */
export function encodeServerFrame(frame: ServerFrame): Uint8Array {
  return encode(frame, { ignoreUndefined: true });
}

/** A frame from the browser, or undefined when it is not one we understand. */
export function decodeClientFrame(data: Uint8Array): ClientFrame | undefined {
  let value: unknown;
  try {
    value = decode(data);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const frame = value as Record<string, unknown>;
  if (frame.k !== 'call' || typeof frame.id !== 'number' || !Number.isSafeInteger(frame.id)) return undefined;
  return { k: 'call', id: frame.id, name: frame.name, args: frame.args };
}
