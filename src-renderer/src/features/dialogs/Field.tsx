import type { ReactNode } from 'react';
import { touchProps } from '../../ui/touch-props';

/** A labelled field of the new-session dialog, with an optional hint under it. */
export function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
      {hint && <span className="field-hint">{hint}</span>}
    </label>
  );
}

/** A one-line field; `numeric` brings up a number keypad where there is one (main still checks the value). */
export function TextField({
  label,
  hint,
  testId,
  value,
  onChange,
  onTouch,
  numeric = false,
  placeholder,
}: {
  label: string;
  hint?: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  /** The user clicked into the field or pressed a key in it: remembered values arriving now leave it alone. */
  onTouch: () => void;
  numeric?: boolean;
  /** Shown while empty: what the field means when left so (a default). */
  placeholder?: string;
}) {
  return (
    <Field label={label} hint={hint}>
      <input
        className="mono"
        data-testid={testId}
        inputMode={numeric ? 'numeric' : undefined}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        {...touchProps(onTouch)}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}
