import i18next from 'i18next';
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

/** i18next's plural suffixes: `matches_one`, `matches_other` are forms of `matches`. */
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKey = (key: string): string => key.replace(PLURAL, '');

/** Base key → the plural forms a locale gives it (none for a plain key). */
function pluralForms(keys: Iterable<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const key of keys) {
    const form = PLURAL.exec(key)?.[1];
    const forms = out.get(baseKey(key)) ?? [];
    if (form) forms.push(form);
    out.set(baseKey(key), forms.sort());
  }
  return out;
}

const categories = (language: string): string[] =>
  [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort();

describe('locales', () => {
  const english = leaves(en);
  const chinese = leaves(zhCN);

  it('have the same keys in English and Chinese (plural forms aside)', () => {
    expect([...pluralForms(chinese.keys()).keys()].sort()).toEqual(
      [...pluralForms(english.keys()).keys()].sort(),
    );
  });

  it('give a counted text every plural form its language has, or none', () => {
    for (const [messages, language] of [
      [english, 'en'],
      [chinese, 'zh-CN'],
    ] as const) {
      for (const [key, forms] of pluralForms(messages.keys()))
        if (forms.length > 0) expect(forms, `${language} ${key}`).toEqual(categories(language));
    }
    // A key plural in one language is plural in the other: the code passes `count` to both.
    const chineseForms = pluralForms(chinese.keys());
    for (const [key, forms] of pluralForms(english.keys()))
      expect((chineseForms.get(key) ?? []).length > 0, key).toBe(forms.length > 0);
  });

  it('use the same placeholders in both languages', () => {
    const englishByBase = new Map([...english].map(([key, text]) => [baseKey(key), text]));
    for (const [key, text] of chinese)
      expect(placeholders(text), key).toEqual(placeholders(englishByBase.get(baseKey(key)) ?? ''));
  });

  it('count in the log toolbar in proper English and plain Chinese', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
      lng: 'en',
      interpolation: { escapeValue: false },
    });
    const n = (count: number) => ({ count, n: count.toLocaleString('en') });
    expect(i18n.t('logTools.matches', n(1))).toBe('1 match');
    expect(i18n.t('logTools.matches', n(0))).toBe('0 matches');
    expect(i18n.t('logTools.matches', n(2))).toBe('2 matches');
    expect(i18n.t('log.entries', n(1))).toBe('1 entry');
    expect(i18n.t('log.entries', n(4155))).toBe('4,155 entries');
    expect(i18n.t('log.entriesFiltered', { ...n(1), n: '0', total: '1' })).toBe('0 of 1 entry');
    expect(i18n.t('log.bytes', n(1))).toBe('1 byte');
    expect(i18n.t('framing.chunks', n(1))).toBe('1 chunk');
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('logTools.matches', n(1))).toBe('1 条匹配');
    expect(i18n.t('log.entries', n(2))).toBe('2 条');
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
