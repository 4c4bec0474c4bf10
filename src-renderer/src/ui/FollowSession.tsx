import { useTranslation } from 'react-i18next';
import { ENCODINGS, type EncodingId } from '../../../src-shared/codec/encodings';

export const encodingLabel = (id: EncodingId): string => ENCODINGS.find((e) => e.id === id)?.label ?? id;

/**
 * Beside a part's encoding select when that part was set on its own: says so,
 * and one click puts it back on the session's encoding.
 */
export function FollowSession({
  sessionEncoding,
  testId,
  onFollow,
}: {
  sessionEncoding: EncodingId;
  testId: string;
  onFollow: () => void;
}) {
  const { t } = useTranslation();
  const encoding = encodingLabel(sessionEncoding);
  return (
    <button
      type="button"
      className="btn btn-small follow-session"
      data-testid={testId}
      title={t('session.followSessionTitle', { encoding })}
      onClick={onFollow}
    >
      {t('session.followSession', { encoding })}
    </button>
  );
}
