import type { SessionInfo } from '../contract';
import type { EncodingId } from '../codec/encodings';
import { isEmpty, type CodeSpec, type Decoding, type Message } from './spec';

/** What the session's settings do not hold but the program needs: the UI supplies these. */
export interface CodeHints {
  /** The send box's encoding: encode() uses it. */
  encoding: EncodingId;
  /** The log view's encoding (decode() uses it) or 'hex': the program prints what the log shows. */
  decoding: Decoding;
  /** UDP destination as typed in the composer, if any. */
  destination?: { host: string; port: number };
  /** What the send box would send (a client / UDP) or answer with (a server). */
  text: Message;
}

/**
 * The program equivalent to a session as it is configured now. An accepted
 * connection (tcp-conn) is the server program that accepted it, so the
 * caller passes the parent server's info for those.
 */
export function specFromSession(info: SessionInfo, hints: CodeHints): CodeSpec {
  const { text } = hints;
  const codecs = { encoding: hints.encoding, decoding: hints.decoding };
  switch (info.kind) {
    case 'udp': {
      const spec: CodeSpec = { kind: 'udp', ...codecs };
      // An idle endpoint has not bound yet: the program leaves that to sendto(), as the session does.
      if (info.local && info.state !== 'idle')
        spec.bind = { address: info.local.address, port: info.local.port };
      if (hints.destination) spec.send = { ...hints.destination, text };
      return spec;
    }
    case 'tcp-client':
      return {
        kind: 'tcp-client',
        ...codecs,
        host: info.remote?.address ?? '127.0.0.1',
        port: info.remote?.port ?? 0,
        text,
      };
    case 'tcp-server':
    case 'tcp-conn': {
      const echo = info.autoReply?.echo === true;
      const spec: CodeSpec = {
        kind: 'tcp-server',
        ...codecs,
        address: info.local?.address ?? '0.0.0.0',
        port: info.local?.port ?? 0,
        backlog: info.backlog ?? 128,
      };
      if (echo) spec.reply = { echo: true };
      else if (!isEmpty(text)) spec.reply = text;
      return spec;
    }
  }
}
