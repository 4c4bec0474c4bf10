import { describe, expect, it } from 'vitest';
import { fillUntouched, TouchLedger } from '../../src-renderer/src/ui/touch-ledger';
import { EMPTY_DRAFT, putBackUnsent, typed } from '../../src-renderer/src/features/chat/line-draft';

interface Form {
  host: string;
  port: string;
  timeoutMs: string;
  closeOnPeerEnd: boolean;
}
const defaults: Form = { host: '127.0.0.1', port: '8080', timeoutMs: '10000', closeOnPeerEnd: true };

describe('a late answer fills only the fields nobody touched since it was asked for', () => {
  it('fills every field when nothing was touched', () => {
    const ledger = new TouchLedger<keyof Form>();
    const asked = ledger.ask();
    expect(fillUntouched(defaults, { port: '38069', closeOnPeerEnd: false }, ledger, asked)).toEqual({
      ...defaults,
      port: '38069',
      closeOnPeerEnd: false,
    });
  });

  it('leaves a field typed into after the ask as it is, and fills the others', () => {
    const ledger = new TouchLedger<keyof Form>();
    const asked = ledger.ask();
    ledger.touch('port');
    const typed = { ...defaults, port: '4242' };
    expect(fillUntouched(typed, { port: '38069', timeoutMs: '7000' }, ledger, asked)).toEqual({
      ...defaults,
      port: '4242',
      timeoutMs: '7000',
    });
  });

  it('a field only clicked into (touched, not yet changed) is not changed under the cursor', () => {
    const ledger = new TouchLedger<keyof Form>();
    const asked = ledger.ask();
    ledger.touch('port');
    expect(fillUntouched(defaults, { port: '38069' }, ledger, asked).port).toBe('8080');
  });

  it('a touch before the ask does not protect the field from that answer', () => {
    const ledger = new TouchLedger<keyof Form>();
    ledger.touch('host');
    const asked = ledger.ask();
    expect(fillUntouched(defaults, { host: '::1' }, ledger, asked).host).toBe('::1');
  });

  it('two asks: the older answer cannot fill a field touched between them, the newer can', () => {
    const ledger = new TouchLedger<keyof Form>();
    const first = ledger.ask();
    ledger.touch('port');
    const second = ledger.ask();
    expect(ledger.untouchedSince('port', first)).toBe(false);
    expect(ledger.untouchedSince('port', second)).toBe(true);
  });

  it('missing (undefined) answer fields change nothing; an answer that changes nothing returns the same object', () => {
    const ledger = new TouchLedger<keyof Form>();
    const asked = ledger.ask();
    expect(fillUntouched(defaults, { port: undefined }, ledger, asked)).toBe(defaults);
    expect(fillUntouched(defaults, { port: '8080' }, ledger, asked)).toBe(defaults);
  });
});

describe('a line input that empties on send and loses nothing', () => {
  it('typing keeps the text; a failed send puts its line back into an empty input', () => {
    const draft = typed(EMPTY_DRAFT, 'hello');
    expect(draft.text).toBe('hello');
    // Sent: the input is emptied at once (EMPTY_DRAFT); the send fails.
    expect(putBackUnsent(EMPTY_DRAFT, 'hello')).toEqual({ text: 'hello', putBack: 'hello' });
  });

  it('a failed line goes in front of what was typed since', () => {
    const since = typed(EMPTY_DRAFT, 'next');
    expect(putBackUnsent(since, 'first').text).toBe('firstnext');
  });

  it('two failed sends come back in the order they were sent, before what was typed since', () => {
    let draft = typed(EMPTY_DRAFT, 'c');
    draft = putBackUnsent(draft, 'a');
    draft = putBackUnsent(draft, 'b');
    expect(draft.text).toBe('abc');
    // More typing at the end keeps the put-back part marked.
    draft = typed(draft, 'abcd');
    draft = putBackUnsent(draft, 'x');
    expect(draft.text).toBe('abxcd');
  });

  it('once the put-back text is edited, a later failure still loses nothing (it goes first)', () => {
    let draft = putBackUnsent(EMPTY_DRAFT, 'a');
    draft = typed(draft, 'Zzz');
    draft = putBackUnsent(draft, 'b');
    expect(draft.text).toBe('bZzz');
  });
});
