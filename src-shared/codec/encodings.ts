/** Text encodings the workbench offers, as iconv-lite names them, with the label users know. */
export const ENCODINGS = [
  { id: 'utf-8', label: 'UTF-8' },
  { id: 'gbk', label: 'GBK' },
  { id: 'gb18030', label: 'GB18030' },
  { id: 'big5', label: 'Big5' },
  { id: 'shift_jis', label: 'Shift_JIS' },
  { id: 'euc-kr', label: 'EUC-KR' },
  { id: 'iso-8859-1', label: 'ISO-8859-1' },
  { id: 'utf-16le', label: 'UTF-16LE' },
  { id: 'utf-16be', label: 'UTF-16BE' },
  { id: 'ascii', label: 'ASCII' },
] as const;

export type EncodingId = (typeof ENCODINGS)[number]['id'];

export function isEncodingId(value: string): value is EncodingId {
  return ENCODINGS.some((e) => e.id === value);
}
