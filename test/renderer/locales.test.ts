import { describe, expect, it } from 'vitest';
import { en } from '../../src-renderer/src/i18n/locales/en';
import { zhCN } from '../../src-renderer/src/i18n/locales/zh-CN';
import { ERROR_MESSAGES_EN } from '../../src-shared/errors';

type Tree = { [key: string]: string | Tree };

/** Every string leaf as `a.b.c` → text. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] as string).sort();

describe('locales', () => {
  const english = leaves(en);
  const chinese = leaves(zhCN);

  it('have the same keys in English and Chinese', () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, text] of english)
      expect(placeholders(chinese.get(key) ?? ''), key).toEqual(placeholders(text));
  });

  it('translate every error code main can send', () => {
    for (const code of Object.keys(ERROR_MESSAGES_EN)) expect(chinese.has(`errors.${code}`), code).toBe(true);
  });

  it('leave no English sentence untranslated in Chinese', () => {
    // Identical text is fine for code (`close()`), names (UDP, Backlog) and key hints (Ctrl+Enter).
    const sentence = /[A-Za-z]{3,} [A-Za-z]{3,} [A-Za-z]{3,}/;
    const untranslated = [...english].filter(
      ([key, text]) => chinese.get(key) === text && sentence.test(text),
    );
    expect(untranslated.map(([key]) => key)).toEqual([]);
  });
});
