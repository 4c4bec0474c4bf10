import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../../src-shared/contract';
import { useOffline } from '../../store/hooks';

const TONE: Record<SessionState, string> = {
  idle: 'neutral',
  bound: 'good',
  listening: 'good',
  connecting: 'busy',
  connected: 'good',
  'local-half-closed': 'warn',
  'peer-half-closed': 'warn',
  stopped: 'warn',
  reconnecting: 'busy',
  closed: 'neutral',
  failed: 'bad',
};

export function StateBadge({ state, compact = false }: { state: SessionState; compact?: boolean }) {
  const { t } = useTranslation();
  // With main out of reach, the last state heard is not known to hold any more: say so, in grey.
  const shown = useOffline() ? 'unknown' : state;
  const tone = shown === 'unknown' ? 'unknown' : TONE[shown];
  return (
    <span
      className={`state state-${tone}${compact ? ' state-compact' : ''}`}
      data-testid={compact ? undefined : 'session-state'}
      data-state={shown}
      title={t(`state.${shown}`)}
    >
      <span className="state-dot" aria-hidden />
      {compact ? null : t(`state.${shown}`)}
    </span>
  );
}
