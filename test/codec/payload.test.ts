import { describe, expect, it } from 'vitest';
import { buildPayload, type PayloadOptions } from '../../src-shared/codec/payload';
import type { VariableContext } from '../../src-shared/codec/variables';

const TEXT: PayloadOptions = {
  mode: 'text',
  encoding: 'utf-8',
  lineEnding: 'none',
  escapes: false,
  variables: false,
  checksum: 'none',
};
const context: VariableContext = {
  counter: 3,
  now: new Date(0),
  random: (n) => new Uint8Array(n).fill(0xee),
};
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

function bytesOf(input: string, options: Partial<PayloadOptions>): string {
  const result = buildPayload(input, { ...TEXT, ...options }, context);
  if (!result.ok) throw new Error(JSON.stringify(result.problem));
  return hex(result.payload.bytes);
}

describe('buildPayload', () => {
  it('encodes text in the chosen encoding and appends the line ending in it', () => {
    expect(bytesOf('你好', { encoding: 'gbk', lineEnding: 'crlf' })).toBe('c4e3bac30d0a');
    expect(bytesOf('A', { encoding: 'utf-16le', lineEnding: 'lf' })).toBe('41000a00');
  });

  it('reads hex, appends the checksum of the message and then the line ending', () => {
    const result = buildPayload(
      '01 03 00 00 00 01',
      { ...TEXT, mode: 'hex', checksum: 'crc16-modbus', lineEnding: 'crlf' },
      context,
    );
    expect(result.ok && hex(result.payload.bytes)).toBe('010300000001840a0d0a');
    expect(result.ok && [result.payload.body, result.payload.checksum, result.payload.ending]).toEqual([
      6, 2, 2,
    ]);
  });

  it('takes backslashes literally unless escapes are on', () => {
    expect(bytesOf('a\\n', {})).toBe('615c6e');
    expect(bytesOf('a\\n\\xFF', { escapes: true })).toBe('610aff');
  });

  it('writes \\xNN as a raw byte even in UTF-16, and \\uXXXX as an encoded character', () => {
    expect(bytesOf('\\x01\\u4F60', { escapes: true, encoding: 'utf-16be' })).toBe('014f60');
    expect(bytesOf('\\uD83D\\uDE00', { escapes: true })).toBe('f09f9880');
  });

  it('expands variables only when asked, and never runs escapes inside their values', () => {
    expect(bytesOf('#{{COUNTER:2}}', {})).toBe(hex(new TextEncoder().encode('#{{COUNTER:2}}')));
    expect(bytesOf('#{{COUNTER:2}}\\n', { variables: true, escapes: true })).toBe('2330330a');
    expect(bytesOf('{{RANDOM:2}}', { variables: true, encoding: 'utf-16le' })).toBe('eeee');
  });

  it('reports what the input uses', () => {
    const result = buildPayload('{{TIME}}', { ...TEXT, variables: true }, context);
    expect(result.ok && [...result.payload.uses]).toEqual(['TIME']);
  });

  it('points an unencodable character back at what was typed, through escapes and variables', () => {
    const options = { ...TEXT, encoding: 'gbk', escapes: true, variables: true } as const;
    // '😀' is the 5th UTF-16 unit of the expanded text but at index 19 of the input.
    expect(buildPayload('{{COUNTER}}\\t\\x01ab😀', options, context)).toEqual({
      ok: false,
      problem: { kind: 'unencodable', char: '😀', index: 19, length: 2, encoding: 'gbk' },
    });
    // Made by an escape: the whole escape is marked.
    expect(buildPayload('ok \\u00E9', { ...TEXT, encoding: 'ascii', escapes: true }, context)).toEqual({
      ok: false,
      problem: { kind: 'unencodable', char: 'é', index: 3, length: 6, encoding: 'ascii' },
    });
  });

  it('names bad hex, escapes and variables with their span', () => {
    expect(buildPayload('01 0G', { ...TEXT, mode: 'hex' }, context)).toMatchObject({
      ok: false,
      problem: { kind: 'bad-hex', index: 4, length: 1, reason: 'not-hex' },
    });
    expect(buildPayload('{{TIME}} \\x4', { ...TEXT, escapes: true, variables: true }, context)).toMatchObject(
      {
        ok: false,
        problem: { kind: 'bad-escape', index: 9, length: 3, reason: 'short' },
      },
    );
    expect(buildPayload('{{NOPE}}', { ...TEXT, variables: true }, context)).toMatchObject({
      ok: false,
      problem: { kind: 'bad-variable', index: 0, length: 8, reason: 'unknown' },
    });
  });
});
