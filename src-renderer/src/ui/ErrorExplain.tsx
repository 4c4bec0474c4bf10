import { useTranslation } from 'react-i18next';

/**
 * What an error code means and what to try next, in the user's language.
 * Renders nothing for codes the `explain` section does not cover.
 */
export function ErrorExplain({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  if (!i18n.exists(`explain.${code}.what`)) return null;
  return (
    <div className="error-explain" data-testid="error-explain" data-code={code}>
      <span className="explain-what">{t(`explain.${code}.what`)}</span>{' '}
      <span className="explain-next">
        <strong>{t('explain.whatNext')}</strong> {t(`explain.${code}.next`)}
      </span>
    </div>
  );
}
