export interface InlineNumberFieldProps {
  label: string;
  /** Shown on hover: what the number means. */
  hint: string;
  testId: string;
  value: string;
  valid: boolean;
  disabled: boolean;
  /** After the input, e.g. "ms". */
  unit?: string;
  onChange: (text: string) => void;
}

/** A short number typed inline in a composer tool row; the caller parses and validates the text. */
export function InlineNumberField({
  label,
  hint,
  testId,
  value,
  valid,
  disabled,
  unit,
  onChange,
}: InlineNumberFieldProps) {
  return (
    <label className="field-inline" title={hint}>
      <span>{label}</span>
      <input
        className="mono input-small"
        data-testid={testId}
        value={value}
        inputMode="numeric"
        aria-invalid={!valid}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value.trim())}
      />
      {unit && <span>{unit}</span>}
    </label>
  );
}
