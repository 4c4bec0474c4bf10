import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../src-shared/contract';

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
  return (
    <span
      className={`state state-${TONE[state]}${compact ? ' state-compact' : ''}`}
      data-testid={compact ? undefined : 'session-state'}
      data-state={state}
      title={t(`state.${state}`)}
    >
      <span className="state-dot" aria-hidden />
      {compact ? null : t(`state.${state}`)}
    </span>
  );
}
