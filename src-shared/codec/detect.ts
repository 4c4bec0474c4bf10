import { charRuns, type CharRun } from './char-runs';
import { ENCODINGS, type EncodingId } from './encodings';
import { FREQUENT_CJK } from './frequent';
import { plausibility } from './plausible';
import { decodeText } from './text';

/**
 * Which encoding do these bytes most likely use, and which readings of them
 * are mojibake? A heuristic, in the order a person would reason:
 *
 *  1. a byte-order mark settles it, if what follows reads as text in that
 *     encoding (three bytes can start with FF FE by chance);
 *  2. NUL bytes in every other position with readable text in between: UTF-16;
 *  3. only bytes below 0x80: ASCII (or binary, if mostly control bytes);
 *  4. valid UTF-8 with multi-byte sequences: UTF-8 (random non-ASCII bytes are
 *     almost never valid UTF-8, so this is strong evidence);
 *  5. otherwise each double-byte encoding reads the bytes and is scored: a
 *     character in the encoding's common block (GB2312 hanzi, Big5 frequent
 *     characters, JIS level 1 and kana, KS X 1001 Hangul) scores, a frequent
 *     character scores more, a rare or invalid one costs; Latin-1 is the
 *     fallback when none reads well.
 *
 * Every other reading whose text differs from the likely one is flagged:
 * `mojibake` when it reads as valid but wrong characters (UTF-8 read as GBK
 * gives 浣犲ソ for 你好), `invalid` when it hits bytes it cannot read.
 */

export type DetectReason =
  'empty' | 'bom' | 'bom-implausible' | 'utf16-nul' | 'ascii' | 'binary' | 'utf8-valid' | 'scored' | 'latin1';
export type Confidence = 'high' | 'medium' | 'low';
export type Verdict = 'likely' | 'same' | 'mojibake' | 'invalid' | 'plausible';

export interface Reading {
  encoding: EncodingId;
  text: string;
  /** Bytes this encoding could not read (shown as U+FFFD). */
  invalid: number;
  verdict: Verdict;
}

export interface Detection {
  likely: EncodingId | undefined;
  confidence: Confidence;
  reason: DetectReason;
  /** The bytes hold UTF-8 encoded U+FFFD (EF BF BD): text already damaged before it was sent (锟斤拷 in GBK). */
  replacementChars: boolean;
  /** One reading per encoding, in the order of ENCODINGS. */
  readings: Reading[];
}

/** Enough to decide; the inspector still shows every byte. */
const SAMPLE = 1024;

const DOUBLE_BYTE: EncodingId[] = ['gbk', 'gb18030', 'big5', 'shift_jis', 'euc-kr'];

type Weight = 'common' | 'neutral' | 'rare';

const inRange = (b: number, lo: number, hi: number): boolean => b >= lo && b <= hi;

/** How typical a character is of real text in this encoding, judged by its bytes. */
function weigh(encoding: EncodingId, run: CharRun, bytes: Uint8Array): Weight {
  const lead = bytes[run.start] as number;
  const trail = bytes[run.start + 1] ?? 0;
  switch (encoding) {
    case 'gbk':
    case 'gb18030':
      if (run.length === 4) return 'rare';
      if (run.length !== 2) return 'rare'; // 0x80 (€) alone
      // GB2312's hanzi (B0–F7) and its punctuation rows (A1, A3) in the A1–FE trail range.
      if (inRange(trail, 0xa1, 0xfe) && (inRange(lead, 0xb0, 0xf7) || lead === 0xa1 || lead === 0xa3))
        return 'common';
      // Kana rows A4/A5 in "Chinese" text are the classic sign of misread UTF-8.
      if (lead === 0xa4 || lead === 0xa5) return 'rare';
      return inRange(trail, 0xa1, 0xfe) && inRange(lead, 0xa2, 0xa9) ? 'neutral' : 'rare';
    case 'big5':
      if (run.length !== 2) return 'rare';
      if (inRange(lead, 0xa4, 0xc6) || lead === 0xa1) return 'common'; // frequent characters, punctuation
      return inRange(lead, 0xc9, 0xf9) ? 'neutral' : 'rare';
    case 'shift_jis':
      if (run.length === 1) return 'rare'; // half-width katakana A1–DF
      if (inRange(lead, 0x81, 0x83) || inRange(lead, 0x88, 0x98)) return 'common'; // punctuation, kana, JIS level 1
      return inRange(lead, 0x99, 0x9f) || inRange(lead, 0xe0, 0xea) ? 'neutral' : 'rare';
    case 'euc-kr':
      if (run.length !== 2) return 'rare';
      if (inRange(lead, 0xb0, 0xc8) && inRange(trail, 0xa1, 0xfe)) return 'common'; // KS X 1001 Hangul
      return inRange(lead, 0xa1, 0xaf) ? 'neutral' : 'rare';
    case 'iso-8859-1':
      return inRange(lead, 0x80, 0x9f) ? 'rare' : 'neutral'; // C1 controls are not text
    default:
      return 'neutral';
  }
}

const isKana = (c: string): boolean => /[\u3041-\u30ff]/.test(c);

/** Average plausibility of the non-ASCII characters: about 1.5 for real text, below 0.5 for mojibake. */
function score(encoding: EncodingId, bytes: Uint8Array): { score: number; invalid: number } {
  const runs = charRuns(bytes, encoding, SAMPLE);
  let total = 0;
  let count = 0;
  let invalid = 0;
  for (const run of runs) {
    if (run.length === 1 && (bytes[run.start] as number) < 0x80) continue;
    count += 1;
    if (run.invalid) {
      invalid += run.length;
      total -= 3;
      continue;
    }
    const weight = weigh(encoding, run, bytes);
    total += weight === 'common' ? 0.5 : weight === 'rare' ? -1 : 0;
    if (FREQUENT_CJK.has(run.char) || (encoding === 'shift_jis' && isKana(run.char))) total += 1;
  }
  return { score: count === 0 ? 0 : total / count, invalid };
}

/** Strict UTF-8 (no overlongs, no surrogates); also says whether any multi-byte sequence occurs. */
export function utf8Validity(bytes: Uint8Array): { valid: boolean; multibyte: number } {
  let multibyte = 0;
  let i = 0;
  const n = bytes.byteLength;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return { valid: false, multibyte };
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return { valid: false, multibyte };
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { valid: false, multibyte };
    multibyte += 1;
    i += need + 1;
  }
  return { valid: true, multibyte };
}

// Control characters are exactly what is looked for here.
// eslint-disable-next-line no-control-regex
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/;

function printableRatio(text: string): number {
  if (text.length === 0) return 0;
  let printable = 0;
  for (const c of text) if (!NOT_TEXT.test(c)) printable += 1;
  return printable / [...text].length;
}

function decide(bytes: Uint8Array): {
  likely: EncodingId | undefined;
  confidence: Confidence;
  reason: DetectReason;
} {
  const n = bytes.byteLength;
  if (n === 0) return { likely: undefined, confidence: 'low', reason: 'empty' };
  const bom = byteOrderMark(bytes);
  if (bom) {
    // The mark is strong evidence only when the rest reads as text: score it, as any reading.
    const rest = bytes.subarray(bom.length, SAMPLE);
    const score = rest.byteLength === 0 ? 1 : plausibility(decodeText(rest, bom.encoding));
    if (score >= 0.8) return { likely: bom.encoding, confidence: 'high', reason: 'bom' };
    return {
      likely: bom.encoding,
      confidence: score >= 0.6 ? 'medium' : 'low',
      reason: 'bom-implausible',
    };
  }

  const sample = bytes.subarray(0, SAMPLE);
  if (sample.byteLength >= 4) {
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < sample.byteLength; i += 1) {
      if (sample[i] !== 0) continue;
      if (i % 2 === 0) evenNul += 1;
      else oddNul += 1;
    }
    const pairs = sample.byteLength / 2;
    const guess: EncodingId | undefined =
      oddNul > pairs * 0.25 && evenNul < pairs * 0.05
        ? 'utf-16le'
        : evenNul > pairs * 0.25 && oddNul < pairs * 0.05
          ? 'utf-16be'
          : undefined;
    if (guess && printableRatio(decodeText(sample, guess)) > 0.9)
      return { likely: guess, confidence: 'high', reason: 'utf16-nul' };
  }

  let high = 0;
  let controls = 0;
  for (const b of sample) {
    if (b >= 0x80) high += 1;
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) controls += 1;
  }
  if (controls > sample.byteLength * 0.1) return { likely: undefined, confidence: 'low', reason: 'binary' };
  if (high === 0) return { likely: 'ascii', confidence: 'high', reason: 'ascii' };

  const utf8 = utf8Validity(sample.byteLength < n ? trimCut(sample) : sample);
  if (utf8.valid && utf8.multibyte > 0)
    return { likely: 'utf-8', confidence: utf8.multibyte >= 2 ? 'high' : 'medium', reason: 'utf8-valid' };

  const scored = DOUBLE_BYTE.map((encoding) => ({ encoding, ...score(encoding, sample) }))
    // Stable: on a tie the earlier (GBK before GB18030) wins.
    .sort((a, b) => b.score - a.score);
  const [best, second] = scored as [(typeof scored)[number], (typeof scored)[number]];
  if (best.score > 0.25) {
    const gap = best.score - second.score;
    const confidence: Confidence =
      best.score >= 0.9 && (gap >= 0.4 || second.encoding === 'gb18030')
        ? 'high'
        : best.score >= 0.5
          ? 'medium'
          : 'low';
    return { likely: best.encoding, confidence, reason: 'scored' };
  }
  // A byte or two above 0x80 says little: Latin-1 then is only a guess.
  const latin1 = score('iso-8859-1', sample);
  const confidence: Confidence = latin1.score < 0 || high < 3 ? 'low' : 'medium';
  return { likely: 'iso-8859-1', confidence, reason: 'latin1' };
}

function byteOrderMark(bytes: Uint8Array): { encoding: EncodingId; length: number } | undefined {
  const [b0, b1, b2] = [bytes[0], bytes[1], bytes[2]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** A sample cut at SAMPLE bytes may end inside a UTF-8 character: drop that partial tail. */
function trimCut(sample: Uint8Array): Uint8Array {
  const end = sample.byteLength;
  for (let k = 1; k <= 3 && end - k >= 0; k += 1) {
    const b = sample[end - k] as number;
    if ((b & 0xc0) === 0xc0) return sample.subarray(0, end - k);
    if ((b & 0xc0) !== 0x80) break;
  }
  return sample;
}

export function detectEncoding(bytes: Uint8Array): Detection {
  const { likely, confidence, reason } = decide(bytes);
  const texts = ENCODINGS.map((e) => decodeText(bytes, e.id));
  const likelyText = likely ? texts[ENCODINGS.findIndex((e) => e.id === likely)] : undefined;
  const readings = ENCODINGS.map(({ id }, k): Reading => {
    const text = texts[k] as string;
    const invalid = countInvalid(text, bytes, id);
    let verdict: Verdict;
    if (id === likely) verdict = 'likely';
    else if (likelyText !== undefined && text === likelyText) verdict = 'same';
    else if (invalid > 0) verdict = 'invalid';
    else if (likely && confidence !== 'low') verdict = 'mojibake';
    else verdict = 'plausible';
    return { encoding: id, text, invalid, verdict };
  });
  return {
    likely,
    confidence,
    reason,
    replacementChars: countSequence(bytes, [0xef, 0xbf, 0xbd]) > 0,
    readings,
  };
}

/** Replacement characters this reading produced, less any U+FFFD the bytes really encode. */
function countInvalid(text: string, bytes: Uint8Array, encoding: EncodingId): number {
  let n = 0;
  for (const c of text) if (c === '\ufffd') n += 1;
  if (encoding === 'utf-8') n -= countSequence(bytes, [0xef, 0xbf, 0xbd]);
  if (encoding === 'utf-16le') n -= countSequence(bytes, [0xfd, 0xff]);
  if (encoding === 'utf-16be') n -= countSequence(bytes, [0xff, 0xfd]);
  return Math.max(0, n);
}

function countSequence(bytes: Uint8Array, sequence: number[]): number {
  let n = 0;
  for (let i = 0; i + sequence.length <= bytes.byteLength; i += 1)
    if (sequence.every((b, k) => bytes[i + k] === b)) n += 1;
  return n;
}
