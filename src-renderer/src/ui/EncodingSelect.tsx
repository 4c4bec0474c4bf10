import { ENCODINGS, isEncodingId, type EncodingId } from '../../../src-shared/codec/encodings';

/** The one list of text encodings every selector offers, in the same order everywhere. */
export function EncodingSelect({
  value,
  onChange,
  testId,
}: {
  value: string;
  onChange: (encoding: EncodingId) => void;
  testId: string;
}) {
  return (
    <select
      data-testid={testId}
      value={value}
      onChange={(e) => {
        if (isEncodingId(e.target.value)) onChange(e.target.value);
      }}
    >
      {ENCODINGS.map((e) => (
        <option key={e.id} value={e.id}>
          {e.label}
        </option>
      ))}
    </select>
  );
}
