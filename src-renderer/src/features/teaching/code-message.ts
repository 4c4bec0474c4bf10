import type { EncodingId } from '../../../../src-shared/codec/encodings';
import { decodeText, encodeText } from '../../../../src-shared/codec/text';
import type { Message } from '../../../../src-shared/codegen';
import { compose, nextSendContext, type ComposeSettings } from '../composer/compose';

/** What a session's send box holds now (kept in store/ui.ts): the Code tab's program sends the same. */
export interface Draft {
  input: string;
  settings: ComposeSettings;
}

export interface CodeMessage {
  text: Message;
  encoding: EncodingId;
  /** The send box is empty (or holds too much to write out): `text` is an example, not what the session would send. */
  example: boolean;
  /** The send box holds more than a program should spell out (CODE_MESSAGE_CHARS). */
  tooLong?: true;
}

/** Longer drafts are not written into the program: a 10 MB literal helps no one and stalls the page. */
export const CODE_MESSAGE_CHARS = 16 * 1024;

/**
 * What the generated program sends: exactly the bytes the send box would
 * send next. Text that survives decode → encode unchanged is written as text
 * with encode(), the course's way; hex, or text with raw \xNN bytes, as a
 * bytes literal. Text the encoding cannot hold stays text, so the program
 * fails on it the way the send box refuses it (UnicodeEncodeError).
 */
export function codeMessage(sessionId: string, draft: Draft | undefined, example: string): CodeMessage {
  const encoding = draft?.settings.encoding ?? 'utf-8';
  if (!draft || draft.input === '') return { text: example, encoding, example: true };
  if (draft.input.length > CODE_MESSAGE_CHARS)
    return { text: example, encoding, example: true, tooLong: true };
  const composed = compose(draft.input, draft.settings, nextSendContext(sessionId, new Date()));
  if (!composed.ok) return { text: draft.input, encoding, example: false };
  const bytes = composed.payload.bytes;
  if (draft.settings.mode === 'hex') return { text: bytes, encoding, example: false };
  const text = decodeText(bytes, encoding);
  const again = encodeText(text, encoding);
  const same =
    !text.includes('\ufffd') &&
    again.ok &&
    again.bytes.byteLength === bytes.byteLength &&
    again.bytes.every((b, i) => b === bytes[i]);
  return { text: same ? text : bytes, encoding, example: false };
}
