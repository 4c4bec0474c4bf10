import type { BridgeError } from '../../src-shared/contract';
import { ERROR_MESSAGES_EN, formatMessage, isKnownErrorCode } from '../../src-shared/errors';
import { hostPort } from '../../src-shared/net/endpoint-text';
import { EngineError } from './engine-error';

/** The fields Node puts on errno errors that our messages can name. */
interface ErrnoFields {
  code?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
  size?: unknown;
  errors?: unknown;
}

function paramsOf(err: ErrnoFields): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  if (typeof err.address === 'string') params.address = err.address;
  if (typeof err.port === 'number') params.port = err.port;
  if (typeof err.hostname === 'string') params.host = err.hostname;
  if (typeof err.size === 'number') params.size = err.size;
  return params;
}

/**
 * Any error thrown by the engine or the OS, as the { code, message } that
 * crosses the bridge. Stack traces never leave main.
 */
export function describeError(err: unknown): BridgeError {
  if (err instanceof EngineError) return build(err.code, err.params ?? {}, err.message);
  if (err instanceof AggregateError && err.errors.length > 0 && !(err as ErrnoFields).code) {
    // Happy-eyeballs connects (several addresses tried) report every attempt; the first says why.
    return describeError(err.errors[0]);
  }
  if (err instanceof Error) {
    const fields = err as Error & ErrnoFields;
    if (typeof fields.code === 'string') return build(fields.code, paramsOf(fields), err.message);
    return build('INTERNAL', { detail: err.message }, err.message);
  }
  return build('INTERNAL', { detail: String(err) }, String(err));
}

function build(code: string, params: Record<string, string | number>, fallback: string): BridgeError {
  const template = isKnownErrorCode(code) ? ERROR_MESSAGES_EN[code] : '';
  // "[::1]:8080", never ":::8080": a message that names an address with its port writes it this way.
  if (template.includes('{{endpoint}}') && params.address !== undefined && params.port !== undefined)
    params = { ...params, endpoint: hostPort(String(params.address), params.port) };
  const message = isKnownErrorCode(code)
    ? formatMessage(ERROR_MESSAGES_EN[code], params)
    : `${code}: ${fallback}`;
  const error: BridgeError = { code, message };
  if (Object.keys(params).length > 0) error.params = params;
  return error;
}
