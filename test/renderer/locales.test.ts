import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../src-renderer/src/i18n/locales/en';
import { zhCN } from '../../src-renderer/src/i18n/locales/zh-CN';
import { stepLabel } from '../../src-renderer/src/features/teaching/timeline-label';
import { FAILED_CALLS, TIMELINE_STEPS } from '../../src-shared/contract';
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

const i18n = i18next.createInstance();
void i18n.init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
});

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

  it('give every counted noun in English a singular: no "1 bytes"', () => {
    // A number placeholder right before a plural noun must be an x_one / x_other pair.
    const counted =
      /\{\{\w+\}\} (?:more )?(?:bytes|messages|clients|rules|entries|chunks|reads|sockets|peers|matches|sessions|files|records|datagrams|\w+\(s\))\b/;
    // Sizes refused for being too large are never one byte.
    // Never shown for one: sizes refused for being too large; a message's reads (oneChunkTitle is
    // its own text); "its UTF-8 bytes" names an encoding, not a count.
    const tooLarge = new Set([
      'errors.PAYLOAD_TOO_LARGE',
      'errors.EMSGSIZE',
      'composer.tooBig',
      'framing.chunksTitle',
      'composer.convert.toHex',
    ]);
    const bare = [...english].filter(
      ([key, text]) => counted.test(text) && !PLURAL.test(key) && !tooLarge.has(key),
    );
    expect(bare.map(([key]) => key)).toEqual([]);
  });

  it('render counts in English as "1 byte", "2 bytes", and in Chinese without plural forms', () => {
    const t = i18n.getFixedT('en');
    expect(t('composer.preview', { count: 1, n: '1' })).toBe('1 byte:');
    expect(t('composer.sent', { count: 1, n: '1' })).toBe('Sent 1 byte.');
    expect(t('composer.sent', { count: 1234, n: '1,234' })).toBe('Sent 1,234 bytes.');
    expect(t('composer.sentToAll', { count: 1, n: '1' })).toBe('Sent to 1 client.');
    expect(t('timelineData.tcp-in', { count: 1, n: '1', bytes: '1', peer: '127.0.0.1:1' })).toBe(
      'recv() × 1: 1 byte received from 127.0.0.1:1',
    );
    expect(i18n.getFixedT('zh-CN')('composer.sent', { count: 1, n: '1' })).toBe('已发送 1 字节。');
  });

  it('label every lifecycle step of the contract in both languages', () => {
    const detail = { off: 1, echo: 1, rules: 0, limit: 1, attempt: 1, implicit: 1, unverified: 1 };
    for (const language of ['en', 'zh-CN']) {
      const t = i18n.getFixedT(language);
      for (const step of TIMELINE_STEPS) {
        for (const variant of [{}, detail, { ...detail, off: 0 }, { ...detail, off: 0, echo: 0 }]) {
          const { key, values } = stepLabel({ t: 0, step, detail: variant });
          expect(i18n.exists(key, { lng: language, ...values }), `${language} ${key}`).toBe(true);
          expect(t(key, values), `${language} ${key}`).not.toBe(key);
        }
      }
    }
  });

  it('label every failed call of the contract in both languages, naming the call', () => {
    for (const language of ['en', 'zh-CN']) {
      const t = i18n.getFixedT(language);
      for (const call of FAILED_CALLS) {
        const detail = { call, host: '::1', port: 9, name: 'ttl', value: '64', group: '239.1.1.1' };
        const { key, values } = stepLabel({ t: 0, step: 'error', detail });
        expect(i18n.exists(key, { lng: language }), `${language} ${key}`).toBe(true);
        expect(t(key, values), `${language} ${key}`).not.toMatch(/\{\{/);
      }
    }
  });

  it('call the app’s own features what they are, not a setsockopt()', () => {
    const t = i18n.getFixedT('zh-CN');
    const text = t('timeline.auto-reply-echo', { count: 0, rules: 0 });
    expect(text).not.toMatch(/setsockopt|echo|rules/);
    expect(text).toContain('回显');
  });

  it('translate every error code main can send', () => {
    for (const code of Object.keys(ERROR_MESSAGES_EN)) expect(chinese.has(`errors.${code}`), code).toBe(true);
  });

  it('write Chinese without spaces between Chinese words, also where a placeholder joins them', () => {
    const han = '[\\p{Script=Han}，。：；、）”]';
    const gap = new RegExp(`${han} +(?=[\\p{Script=Han}（“])`, 'u');
    const spaced = [...chinese].filter(([, text]) => gap.test(text));
    expect(spaced.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
    // A run with several peers: the count is a number, the words around it join up.
    const t = i18n.getFixedT('zh-CN');
    expect(t('timelineData.udp-out-many', { count: 5, n: '2', bytes: '5', peers: '2' })).toBe(
      'sendto() × 2：向 2 个对方发送 5 字节',
    );
  });

  it('leave no English word untranslated in Chinese, apart from code, commands and names', () => {
    // Function names written as calls (bind(), recv()) and shell commands are code; these are names.
    const allowed = new Set(
      (
        'Socket Python Node Linux Windows macOS Latin Unicode Ctrl Enter Lines pcapng Wireshark JSON ' +
        'ifconfig ipconfig netstat lsof ping root ulimit ssh dns http https mqtt mysql alt proc net tuanp ano ' +
        'sudo sysctl Modbus uXXXX home captures localhost ClientHello ' +
        'bind listen accept send recv sendto recvfrom connect backlog setsockopt getsockopt'
      ).split(' '),
    );
    const words = [...chinese].flatMap(([key, text]) =>
      [...text.replace(/\{\{\w+\}\}/g, '').matchAll(/\b([A-Za-z]{4,})\b(?![(.\w])/g)]
        .map((m) => m[1] as string)
        .filter((w) => !allowed.has(w) && !/^[A-Z0-9_]+$/.test(w))
        .map((w) => `${key}: ${w}`),
    );
    expect(words).toEqual([]);
  });

  it('leave no English sentence untranslated in Chinese', () => {
    // Identical text is fine for code (`close()`), names (UDP) and key hints (Ctrl+Enter).
    const sentence = /[A-Za-z]{3,} [A-Za-z]{3,} [A-Za-z]{3,}/;
    const untranslated = [...english].filter(
      ([key, text]) => chinese.get(key) === text && sentence.test(text),
    );
    expect(untranslated.map(([key]) => key)).toEqual([]);
  });
});
