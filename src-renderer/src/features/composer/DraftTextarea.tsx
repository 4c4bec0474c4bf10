import { useLayoutEffect, useRef, type RefObject, type TextareaHTMLAttributes } from 'react';
import { HELD_TEXT_CHARS, pastedInto } from './held-text';

type DraftTextareaProps = Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'value' | 'defaultValue' | 'onChange'
> & {
  value: string;
  onValue: (value: string) => void;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  /** A paste that would make the box's text longer than HELD_TEXT_CHARS: the whole text, not put into the box. */
  onLargePaste?: (whole: string) => void;
};

/**
 * A textarea that stays fast with megabytes in it. A controlled <textarea>
 * has React compare the DOM's value with the prop and rewrite its
 * defaultValue (its text node) on every render: with a 1 MB paste that is
 * over a second per keystroke. Here the DOM owns what is typed; `value` is
 * written into it only when it changes from elsewhere (an undone conversion,
 * an inserted variable), told apart by identity, which costs nothing.
 */
export function DraftTextarea({ value, onValue, inputRef, onLargePaste, ...rest }: DraftTextareaProps) {
  /** What the element holds, as far as this component knows: what it last wrote or read. */
  const held = useRef('');
  useLayoutEffect(() => {
    const el = inputRef.current;
    if (!el || value === held.current) return;
    el.value = value;
    held.current = value;
  }, [inputRef, value]);
  return (
    <textarea
      {...rest}
      ref={inputRef}
      onPaste={(e) => {
        const el = e.currentTarget;
        const pasted = e.clipboardData.getData('text/plain');
        const whole = pastedInto(el.value, el.selectionStart, el.selectionEnd, pasted);
        if (!onLargePaste || whole.length <= HELD_TEXT_CHARS) return;
        // Never laid out in the box: see HELD_TEXT_CHARS.
        e.preventDefault();
        onLargePaste(whole);
      }}
      onChange={(e) => {
        held.current = e.target.value;
        onValue(held.current);
      }}
    />
  );
}
