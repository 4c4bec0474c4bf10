import { useTranslation } from 'react-i18next';
import { formatCount } from '../../ui/format';
import { HELD_EXCERPT_CHARS } from './held-text';

/**
 * A long text held out of the edit box (see HELD_TEXT_CHARS): its size and
 * its start, sent whole like anything typed. Editing it in the box is the
 * user's choice, with the cost said on the button.
 */
export function HeldText({
  text,
  onEdit,
  onClear,
}: {
  text: string;
  onEdit: () => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const more = text.length > HELD_EXCERPT_CHARS;
  return (
    <div className="composer-held" data-testid="composer-held" data-chars={text.length}>
      <div className="composer-held-head">
        <span>{t('composer.heldTitle', { n: formatCount(text.length) })}</span>
        <button type="button" className="btn btn-small" data-testid="composer-held-edit" onClick={onEdit}>
          {t('composer.heldEdit')}
        </button>
        <button type="button" className="btn btn-small" data-testid="composer-held-clear" onClick={onClear}>
          {t('composer.heldClear')}
        </button>
      </div>
      <pre className="composer-held-text mono">
        {text.slice(0, HELD_EXCERPT_CHARS)}
        {more ? '…' : ''}
      </pre>
    </div>
  );
}
