import type { z } from 'zod';
import type { BridgeError } from '../../src-shared/contract';
import { CAPTURE_FILES_PARAMS, CAPTURE_SIZE_PARAMS } from '../../src-shared/capture/settings';
import { ERROR_MESSAGES_EN, formatMessage, type ErrorCode } from '../../src-shared/errors';
import { looksNumeric, MAX_PAYLOAD_BYTES } from './schemas';

const PORT_FIELDS = new Set(['port', 'localPort']);
const ADDRESS_FIELDS = new Set(['address', 'localAddress', 'interfaceAddress', 'multicastInterface']);
/** capture.start's fields, named as the capture form labels them (the form checks the same first). */
const CAPTURE_CODES: Record<string, ErrorCode> = {
  directory: 'BAD_CAPTURE_FOLDER',
  path: 'BAD_CAPTURE_PATH',
  maxBytes: 'BAD_CAPTURE_SIZE',
  maxFiles: 'BAD_CAPTURE_FILES',
};

/** Show a rejected value without echoing a huge paste back. */
function preview(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    // BigInts and circular objects (both survive Electron's structured clone) have no JSON form.
    text = typeof value === 'bigint' ? String(value) : Object.prototype.toString.call(value);
  }
  return text.length > 64 ? `${text.slice(0, 61)}...` : text;
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** The first schema failure as the user-facing error for the field it concerns. */
export function validationError(error: z.ZodError, input: unknown, command: string): BridgeError {
  const issue = error.issues[0];
  const field = String(issue?.path[0] ?? '');
  const value = issue ? valueAt(input, issue.path) : undefined;
  let code: ErrorCode = 'BAD_ARGS';
  let params: Record<string, string | number>;
  const captureCode = command === 'capture.start' ? CAPTURE_CODES[field] : undefined;
  if (captureCode) {
    code = captureCode;
    params =
      code === 'BAD_CAPTURE_SIZE'
        ? { ...CAPTURE_SIZE_PARAMS, value: preview(value) }
        : code === 'BAD_CAPTURE_FILES'
          ? { ...CAPTURE_FILES_PARAMS, value: preview(value) }
          : { value: preview(value) };
  } else if (PORT_FIELDS.has(field)) {
    code = 'BAD_PORT';
    const min = command === 'udp.send' || command === 'tcp.connect' ? (field === 'port' ? 1 : 0) : 0;
    params = { min, value: preview(value) };
  } else if (ADDRESS_FIELDS.has(field)) {
    code = 'BAD_ADDRESS';
    params = { value: preview(value) };
  } else if (field === 'host') {
    // A malformed name is not "an invalid IP address"; only something typed as an address is.
    const text = typeof value === 'string' ? value.trim() : '';
    code = text === '' ? 'BAD_HOST' : looksNumeric(text) ? 'BAD_ADDRESS' : 'BAD_HOST_NAME';
    params = { value: preview(value) };
  } else if (field === 'group') {
    code = 'BAD_MULTICAST';
    params = { value: preview(value) };
  } else if (field === 'payload' && value instanceof Uint8Array && value.byteLength > MAX_PAYLOAD_BYTES) {
    // Bytes, just too many: "must be bytes" would send the user looking for the wrong mistake.
    code = 'PAYLOAD_TOO_LARGE';
    params = { size: value.byteLength, max: MAX_PAYLOAD_BYTES };
  } else if (field === 'payload') {
    code = 'BAD_PAYLOAD';
    params = {};
  } else {
    params = { detail: `${issue?.path.join('.') || 'arguments'}: ${issue?.message ?? 'invalid'}` };
  }
  return { code, message: formatMessage(ERROR_MESSAGES_EN[code], params), params };
}
