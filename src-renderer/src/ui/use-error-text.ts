import { useTranslation } from 'react-i18next';
import type { BridgeError } from '../../../src-shared/contract';

/** An error from main, in the user's language; the English message is the fallback for unknown codes. */
export function useErrorText(): (error: BridgeError) => string {
  const { t, i18n } = useTranslation();
  return (error) => {
    const key = `errors.${error.code}`;
    if (!i18n.exists(key)) return error.message;
    return t(key, { ...error.params, interpolation: { escapeValue: false } });
  };
}
