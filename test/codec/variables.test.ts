import { describe, expect, it } from 'vitest';
import { expandVariable, scanVariables, type VariableContext } from '../../src-shared/codec/variables';

const context: VariableContext = {
  counter: 7,
  now: new Date(2024, 0, 2, 3, 4, 5, 6),
  random: (n) => Uint8Array.from({ length: n }, (_, i) => 0xa0 + i),
};

function expand(input: string): (string | number[])[] {
  const scanned = scanVariables(input);
  if (!scanned.ok) throw new Error(JSON.stringify(scanned));
  return scanned.tokens.map((t) => {
    if (t.kind === 'literal') return t.text;
    const piece = expandVariable(t, context);
    return piece.kind === 'bytes' ? [...piece.bytes] : piece.text;
  });
}

describe('payload variables', () => {
  it('expands the counter, optionally zero-padded', () => {
    expect(expand('n={{COUNTER}};')).toEqual(['n=', '7', ';']);
    expect(expand('{{COUNTER:4}}')).toEqual(['0007']);
  });

  it('expands local time, date and the millisecond timestamp', () => {
    expect(expand('{{DATE}} {{TIME}}')).toEqual(['2024-01-02', ' ', '03:04:05.006']);
    expect(expand('{{TIMESTAMP}}')).toEqual([String(context.now.getTime())]);
  });

  it('makes {{RANDOM:N}} N raw bytes', () => {
    expect(expand('{{RANDOM:3}}')).toEqual([[0xa0, 0xa1, 0xa2]]);
  });

  it('says which variables the input uses', () => {
    const scanned = scanVariables('{{TIME}} {{COUNTER}} {{TIME}}');
    expect(scanned.ok && [...scanned.uses].sort()).toEqual(['COUNTER', 'TIME']);
  });

  it('keeps the position and length of every variable, for error pointers', () => {
    const scanned = scanVariables('ab{{COUNTER}}c');
    expect(scanned.ok && scanned.tokens).toEqual([
      { kind: 'literal', text: 'ab', at: 0 },
      { kind: 'variable', name: 'COUNTER', arg: undefined, at: 2, length: 11 },
      { kind: 'literal', text: 'c', at: 13 },
    ]);
  });

  it('leaves text that only looks a bit like a variable alone', () => {
    expect(expand('{ {COUNTER} } {{}} {{a b}}')).toEqual(['{ {COUNTER} } {{}} {{a b}}']);
    expect(expand('{"a":{"b":1}}')).toEqual(['{"a":{"b":1}}']);
  });

  it('refuses an unknown name, pointing at it', () => {
    expect(scanVariables('x {{COUNT}}')).toEqual({
      ok: false,
      index: 2,
      length: 9,
      text: '{{COUNT}}',
      reason: 'unknown',
    });
    expect(scanVariables('{{counter}}')).toMatchObject({ ok: false, reason: 'unknown' });
    expect(scanVariables('{{ TIMES }}')).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('refuses a missing or out-of-range argument', () => {
    expect(scanVariables('{{RANDOM}}')).toMatchObject({ ok: false, index: 0, reason: 'bad-argument' });
    expect(scanVariables('{{RANDOM:0}}')).toMatchObject({ ok: false, reason: 'bad-argument' });
    expect(scanVariables('{{RANDOM:1025}}')).toMatchObject({ ok: false, reason: 'bad-argument' });
    expect(scanVariables('{{TIME:3}}')).toMatchObject({ ok: false, reason: 'bad-argument' });
    expect(scanVariables('{{COUNTER:0}}')).toMatchObject({ ok: false, reason: 'bad-argument' });
  });
});
