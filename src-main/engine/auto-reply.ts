import { isEncodingId, type EncodingId } from '../../src-shared/codec/encodings';
import { parseEscapes } from '../../src-shared/codec/escapes';
import { parseHex } from '../../src-shared/codec/hex';
import { encodePieces, type Piece } from '../../src-shared/codec/pieces';
import { decodeText } from '../../src-shared/codec/text';
import type { AutoReplyConfig, AutoReplyRule, DataRecord } from '../../src-shared/contract';
import { EngineError } from '../errors/engine-error';

/** Rules look at no more than this much of a message: a pattern must not be run over megabytes. */
const MATCH_LIMIT = 64 * 1024;

export interface AutoAnswer {
  bytes: Uint8Array;
  auto: NonNullable<DataRecord['auto']>;
}

interface CompiledRule {
  index: number;
  rule: AutoReplyRule;
  test: (text: string, bytes: Uint8Array) => RegExpExecArray | boolean;
  /** Fixed reply bytes, or undefined when the reply depends on regex captures. */
  reply?: Uint8Array;
  /** The reply as escape-parsed pieces, for filling in captures. */
  pieces: Piece[];
}

const CAPTURE = /\$(\d|&)/g;

function equalAt(haystack: Uint8Array, needle: Uint8Array, at: number): boolean {
  for (let i = 0; i < needle.byteLength; i += 1) if (haystack[at + i] !== needle[i]) return false;
  return true;
}

function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  for (let at = 0; at + needle.byteLength <= haystack.byteLength; at += 1)
    if (equalAt(haystack, needle, at)) return true;
  return false;
}

/** A line typed at a terminal arrives with its newline; "exact" ignores one trailing line break. */
const withoutLineBreak = (text: string): string => text.replace(/\r?\n$/, '');

/**
 * Echo and rule-based answers: the first rule whose pattern matches answers;
 * if none does and echo is on, the message goes back unchanged. Everything is
 * checked when the rules are set, so a bad pattern is an error for the user,
 * never a crash when a peer's data arrives.
 */
export class AutoReplier {
  private readonly rules: CompiledRule[];
  private readonly encoding: EncodingId;

  constructor(readonly config: AutoReplyConfig) {
    if (!isEncodingId(config.encoding)) {
      throw new EngineError('BAD_ENCODING', 'Unknown encoding.', { value: config.encoding });
    }
    this.encoding = config.encoding;
    this.rules = config.rules.map((rule, i) => this.compile(rule, i + 1));
  }

  respond(message: Uint8Array): AutoAnswer | undefined {
    if (this.rules.length > 0) {
      const head = message.byteLength > MATCH_LIMIT ? message.subarray(0, MATCH_LIMIT) : message;
      const text = decodeText(head, this.encoding);
      for (const compiled of this.rules) {
        const hit = compiled.test(text, head);
        if (!hit) continue;
        const bytes = compiled.reply ?? this.expand(compiled, hit);
        // A capture the encoding cannot hold: this rule cannot answer; the next one may.
        if (bytes) return { bytes, auto: { kind: 'rule', rule: compiled.index } };
      }
    }
    return this.config.echo ? { bytes: message, auto: { kind: 'echo' } } : undefined;
  }

  private compile(rule: AutoReplyRule, index: number): CompiledRule {
    const compiled: CompiledRule = { index, rule, test: () => false, pieces: [] };
    switch (rule.match) {
      case 'exact':
        compiled.test = (text) => withoutLineBreak(text) === rule.pattern;
        break;
      case 'contains':
        compiled.test = (text) => text.includes(rule.pattern);
        break;
      case 'starts':
        compiled.test = (text) => text.startsWith(rule.pattern);
        break;
      case 'ends':
        compiled.test = (text) => withoutLineBreak(text).endsWith(rule.pattern);
        break;
      case 'hex': {
        const parsed = parseHex(rule.pattern);
        if (!parsed.ok || parsed.bytes.byteLength === 0) {
          throw new EngineError('BAD_RULE_HEX', 'Bad hex pattern.', { rule: index, value: rule.pattern });
        }
        compiled.test = (_text, bytes) => containsBytes(bytes, parsed.bytes);
        break;
      }
      case 'regex': {
        let re: RegExp;
        try {
          re = new RegExp(rule.pattern);
        } catch (err) {
          throw new EngineError('BAD_REGEX', 'Bad regular expression.', {
            rule: index,
            pattern: rule.pattern,
            detail: err instanceof Error ? err.message : String(err),
          });
        }
        compiled.test = (text) => re.exec(text) ?? false;
        break;
      }
    }
    if (rule.replyHex) {
      const parsed = parseHex(rule.reply);
      if (!parsed.ok)
        throw new EngineError('BAD_RULE_HEX', 'Bad hex reply.', { rule: index, value: rule.reply });
      compiled.reply = parsed.bytes;
      return compiled;
    }
    // Replies take escapes (\r\n, \xNN) since a one-line field cannot hold a line break.
    const parsed = parseEscapes(rule.reply);
    if (!parsed.ok) {
      throw new EngineError('BAD_ESCAPE', 'Bad escape in reply.', { rule: index, value: parsed.text });
    }
    compiled.pieces = parsed.pieces;
    // Encoded once, now, so an unencodable reply is the user's to see when setting it.
    const fixed = this.encodePieces(compiled.pieces, index, []);
    if (rule.match !== 'regex' || !/\$(\d|&)/.test(rule.reply)) compiled.reply = fixed;
    return compiled;
  }

  private expand(compiled: CompiledRule, hit: RegExpExecArray | boolean): Uint8Array | undefined {
    try {
      return this.encodePieces(compiled.pieces, compiled.index, typeof hit === 'boolean' ? [] : hit);
    } catch {
      // A capture the encoding cannot hold: this rule cannot answer this message.
      return undefined;
    }
  }

  /** The reply's pieces with $1…$9 / $& filled in, encoded. */
  private encodePieces(pieces: Piece[], index: number, groups: readonly (string | undefined)[]): Uint8Array {
    const filled = pieces.map((piece) =>
      piece.kind === 'text' && piece.literal
        ? {
            ...piece,
            text: piece.text.replace(
              CAPTURE,
              (_m, g: string) => (g === '&' ? groups[0] : groups[Number(g)]) ?? '',
            ),
          }
        : piece,
    );
    const encoded = encodePieces(filled, this.encoding);
    if (!encoded.ok) {
      throw new EngineError('UNENCODABLE', 'Reply not encodable.', {
        rule: index,
        char: encoded.char,
        encoding: this.encoding,
      });
    }
    return encoded.bytes;
  }
}
