import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hexToText, textToHex, type ModeConversion } from '../../../../src-shared/codec/convert-mode';
import { ENCODINGS, type EncodingId } from '../../../../src-shared/codec/encodings';
import type { ComposeProblem, InputMode } from './compose';

/** What the last Text ↔ Hex switch did, until the input is edited again. */
export interface Conversion {
  ok: boolean;
  text: string;
  /** Back to exactly what was typed (after a conversion), or switch without converting (after a refusal). */
  action: { label: string; input: string; mode: InputMode };
}

interface Composing {
  input: string;
  mode: InputMode;
  encoding: EncodingId;
  escapes: boolean;
  variables: boolean;
  apply: (input: string, mode: InputMode) => void;
  /** The composer's own wording of an input problem (bad escape, unencodable character…). */
  problemText: (p: ComposeProblem) => string;
}

/**
 * Switching between Text and Hex converts the input (NetAssist's behaviour):
 * the text's bytes become hex, hex bytes are decoded as text. Nothing typed is
 * lost: a conversion can be undone, and one that would change the bytes is
 * refused with the reason (the user may still switch without converting).
 */
export function useModeSwitch(c: Composing): {
  conversion: Conversion | undefined;
  clear: () => void;
  switchTo: (next: InputMode) => void;
} {
  const { t } = useTranslation();
  const [conversion, setConversion] = useState<Conversion | undefined>();
  const label = (id: EncodingId): string => ENCODINGS.find((e) => e.id === id)?.label ?? id;

  const why = (r: Exclude<ModeConversion, { ok: true }>): string => {
    switch (r.reason) {
      case 'text-problem':
        return t('composer.convert.refused', { why: c.problemText(r.problem) });
      case 'variables':
        return t('composer.convert.variables', { variable: '{{COUNTER}}' });
      case 'not-text':
        return t('composer.convert.notText', { n: r.offset + 1, encoding: label(r.encoding) });
      case 'bad-hex':
        return t('composer.convert.badHex');
    }
  };

  const switchTo = (next: InputMode): void => {
    if (next === c.mode) return;
    const how = { encoding: c.encoding, escapes: c.escapes, variables: c.variables };
    const result = next === 'hex' ? textToHex(c.input, how) : hexToText(c.input, how);
    const before = { input: c.input, mode: c.mode };
    if (result.ok) {
      c.apply(result.input, next);
      setConversion(
        result.input === c.input
          ? undefined
          : {
              ok: true,
              text: t(next === 'hex' ? 'composer.convert.toHex' : 'composer.convert.toText', {
                encoding: label(c.encoding),
              }),
              action: { label: t('composer.convert.undo'), ...before },
            },
      );
      return;
    }
    // Not hex at all (text typed in Hex mode): it is kept as typed and read as text.
    if (result.reason === 'bad-hex') {
      c.apply(c.input, next);
      setConversion({
        ok: false,
        text: why(result),
        action: { label: t('composer.convert.undo'), ...before },
      });
      return;
    }
    setConversion({
      ok: false,
      text: why(result),
      action: { label: t('composer.convert.anyway'), input: c.input, mode: next },
    });
  };

  return { conversion, clear: () => setConversion(undefined), switchTo };
}

export function ConversionNote({
  conversion,
  onAction,
}: {
  conversion: Conversion;
  onAction: (input: string, mode: InputMode) => void;
}) {
  return (
    <span
      className={conversion.ok ? 'composer-converted' : 'composer-warning'}
      role="status"
      data-testid="composer-conversion"
      data-ok={conversion.ok}
    >
      {conversion.text}
      <button
        type="button"
        className="link-button conversion-action"
        data-testid="composer-conversion-action"
        onClick={() => onAction(conversion.action.input, conversion.action.mode)}
      >
        {conversion.action.label}
      </button>
    </span>
  );
}
