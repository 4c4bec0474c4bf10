import { FREQUENT_CJK } from './frequent';

/**
 * How much decoded text looks like text someone wrote: 1 for ordinary text,
 * towards 0 for mojibake. Used where the bytes alone (a byte-order mark)
 * would otherwise settle an encoding: ff fe 41 c4 e3 80 starts like UTF-16LE,
 * but reads as 쑁胣, a Hangul syllable next to a rare ideograph.
 *
 * Each character scores 1 (ASCII text, Latin letters, punctuation, a
 * frequent CJK character, Hangul or kana in text of their own script),
 * ½ (another ideograph or symbol: possible, not telling), or 0 (U+FFFD, an
 * unpaired surrogate, a control or private-use character, a noncharacter,
 * Hangul mixed in with Chinese characters). The result is the average.
 */
export function plausibility(text: string): number {
  const chars = Array.from(text);
  if (chars.length === 0) return 0;
  const han = chars.some(isHan);
  const hangul = chars.some(isHangul);
  let total = 0;
  for (const c of chars) total += weigh(c, han && hangul);
  return total / chars.length;
}

const isHan = (c: string): boolean => /\p{Script=Han}/u.test(c);
const isHangul = (c: string): boolean => /\p{Script=Hangul}/u.test(c);

function weigh(c: string, mixedHanHangul: boolean): number {
  const cp = c.codePointAt(0) ?? 0;
  if (c === '\t' || c === '\n' || c === '\r') return 1;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp < 0x7f) return 1;
  if (cp >= 0xd800 && cp <= 0xdfff) return 0; // alone: Array.from keeps pairs together
  if (cp === 0xfffd || (cp & 0xfffe) === 0xfffe || (cp >= 0xfdd0 && cp <= 0xfdef)) return 0;
  if (/\p{Co}/u.test(c)) return 0; // private use
  if (isHangul(c)) return mixedHanHangul ? 0 : 1;
  if (isHan(c)) return FREQUENT_CJK.has(c) ? 1 : 0.5;
  if (
    /[\p{Script=Latin}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Cyrillic}\p{Script=Greek}\p{P}\s]/u.test(
      c,
    )
  )
    return 1;
  return 0.5;
}
