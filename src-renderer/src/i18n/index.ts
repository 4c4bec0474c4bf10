import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

export type Language = 'en' | 'zh-CN';
const STORAGE_KEY = 'workbench.language';

/** This browser's copy of the choice (main's settings file holds the lasting one: lib/ui-prefs.ts). */
export function savedLanguage(): Language | undefined {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved === 'en' || saved === 'zh-CN' ? saved : undefined;
  } catch {
    return undefined;
  }
}

/** The remembered choice, else the system's language: Chinese for any zh locale, English otherwise. */
function initialLanguage(): Language {
  return savedLanguage() ?? (navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');
}

export function initI18n(): void {
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: initialLanguage(),
    fallbackLng: 'en',
    // React escapes what it renders; nothing reaches innerHTML.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
}

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage refused: main's settings file still keeps the choice.
  }
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
