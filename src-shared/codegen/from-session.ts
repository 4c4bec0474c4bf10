import type { SessionInfo } from '../contract';
import type { EncodingId } from '../codec/encodings';
import type { CodeSpec } from './spec';

/** What the session's settings do not hold but the program needs: the UI supplies these. */
export interface CodeHints {
  encoding: EncodingId;
  /** UDP destination as typed in the composer, if any. */
  destination?: { host: string; port: number };
  /** The text the program sends (a client / UDP) or answers with (a server). */
  text: string;
}

/**
 * The program equivalent to a session as it is configured now. An accepted
 * connection (tcp-conn) is the server program that accepted it, so the
 * caller passes the parent server's info for those.
 */
export function specFromSession(info: SessionInfo, hints: CodeHints): CodeSpec {
  const { encoding, text } = hints;
  switch (info.kind) {
    case 'udp': {
      const spec: CodeSpec = { kind: 'udp', encoding };
      // An idle endpoint has not bound yet: the program leaves that to sendto(), as the session does.
      if (info.local && info.state !== 'idle')
        spec.bind = { address: info.local.address, port: info.local.port };
      if (hints.destination) spec.send = { ...hints.destination, text };
      return spec;
    }
    case 'tcp-client':
      return {
        kind: 'tcp-client',
        encoding,
        host: info.remote?.address ?? '127.0.0.1',
        port: info.remote?.port ?? 0,
        text,
      };
    case 'tcp-server':
    case 'tcp-conn': {
      const echo = info.autoReply?.echo === true;
      const spec: CodeSpec = {
        kind: 'tcp-server',
        encoding,
        address: info.local?.address ?? '0.0.0.0',
        port: info.local?.port ?? 0,
        backlog: info.backlog ?? 128,
      };
      if (echo) spec.reply = { echo: true };
      else if (text !== '') spec.reply = text;
      return spec;
    }
  }
}
