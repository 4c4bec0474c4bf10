import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { counted, formatCount, formatEndpoint, formatTime } from '../../ui/format';
import { foldTimeline, type StepEntry } from './timeline-fold';
import { stepLabel } from './timeline-label';
import { useErrorText } from '../../ui/use-error-text';
import type { LogEntry } from '../../store/log-buffer';
import type { SessionInfo } from '../../../../src-shared/contract';
import type { LogBuffer } from '../../store/log-buffer';
import { childrenOf, type TimelineEntry } from '../../store/sessions-slice';
import { useStore } from '../../store/store';
import { ErrorExplain } from '../../ui/ErrorExplain';

const NO_STEPS: TimelineEntry[] = [];

/** Accepted clients' own steps that the server's accept() step already tells. */
const COVERED_BY_ACCEPT = new Set(['create', 'accept', 'connected']);

/**
 * The send() and recv() calls a session made. A server's "send to all" entry
 * is not one: its clients' sockets made those calls, and their steps show them.
 */
function* records(log: LogBuffer | undefined): Generator<LogEntry> {
  for (let i = 0; log && i < log.length; i++) {
    const entry = log.at(i);
    if (entry && !entry.broadcast) yield entry;
  }
}

function StepText({ entry }: { entry: StepEntry }) {
  const { t } = useTranslation();
  const { key, values } = stepLabel(entry);
  return <>{t(key, values)}</>;
}

/**
 * Each system-call-level step of the session, in order: what a learner would
 * trace. Sends and receives are folded from the log into one step per run
 * (the engine sends no event per packet); a server shows its clients' steps too.
 */
/** Which accepted client a server's step came from. */
function SourceNote({ source }: { source: string | undefined }) {
  const { t } = useTranslation();
  if (!source) return null;
  return <span className="timeline-source"> · {t('timelineData.client', { client: source })}</span>;
}

export function TimelineView({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const children = useStore(useShallow((s) => (info.kind === 'tcp-server' ? childrenOf(s, info.id) : [])));
  // The steps fold sends and receives from the logs: they change with every batch.
  const timeline = useStore((s) => s.sessions[info.id]?.timeline ?? NO_STEPS);
  useStore((s) => s.logRevs[info.id]);
  useStore(useShallow((s) => children.map((child) => s.logRevs[child.info.id])));
  const logs = useStore((s) => s.logs);
  const items = foldTimeline([
    { steps: timeline, records: records(logs[info.id]) },
    ...children.map((child) => ({
      steps: child.timeline.filter((e) => !COVERED_BY_ACCEPT.has(e.step)),
      records: records(logs[child.info.id]),
      source: formatEndpoint(child.info.remote),
    })),
  ]);
  const proto = info.kind === 'udp' ? 'udp' : 'tcp';
  return (
    <>
      <p className="timeline-note">{t('timelineData.folded')}</p>
      {(logs[info.id]?.notKept ?? 0) > 0 && (
        <p className="timeline-note" data-testid="timeline-not-kept">
          {t('timelineData.notKept', counted(logs[info.id]?.notKept ?? 0))}
        </p>
      )}
      <ol className="timeline" data-testid="timeline">
        {items.map((item, i) =>
          item.type === 'data' ? (
            <li
              key={i}
              className={`timeline-step step-${item.dir === 'out' ? 'send' : 'receive'}`}
              data-testid="timeline-step"
              data-step={item.dir === 'out' ? 'send' : 'receive'}
              data-count={item.count}
              data-bytes={item.bytes}
            >
              <span className="mono timeline-time">{formatTime(item.t)}</span>
              <span className="timeline-name">
                {t(`timelineData.${proto}-${item.dir}${item.peer ? '' : '-many'}`, {
                  // The plural follows the byte count: "1 byte", "2 bytes".
                  ...counted(item.bytes),
                  n: formatCount(item.count),
                  bytes: formatCount(item.bytes),
                  peer: item.peer ?? '',
                  peers: formatCount(item.peers),
                })}
              </span>
              {item.source && (
                <span className="timeline-source">{t('timelineData.client', { client: item.source })}</span>
              )}
            </li>
          ) : item.type === 'retry' ? (
            <li
              key={i}
              className="timeline-step step-retry"
              data-testid="timeline-step"
              data-step="retry"
              data-count={item.count}
              data-code={item.error.code}
            >
              <span className="mono timeline-time">{formatTime(item.t)}</span>
              <span className="timeline-name">
                {t(
                  'timeline.retries',
                  counted(item.count, { host: item.host, port: item.port, code: item.error.code }),
                )}
                <SourceNote source={item.source} />
              </span>
            </li>
          ) : (
            <li
              key={i}
              className={`timeline-step step-${item.entry.step}`}
              data-testid="timeline-step"
              data-step={item.entry.step}
            >
              <span className="mono timeline-time">{formatTime(item.t)}</span>
              <span className="timeline-body">
                <span className="timeline-name">
                  <StepText entry={item.entry} />
                  <SourceNote source={item.source} />
                </span>
                {item.entry.error && (
                  <>
                    <span className="timeline-error">
                      <strong className="mono">{item.entry.error.code}</strong> {errorText(item.entry.error)}
                    </span>
                    <ErrorExplain code={item.entry.error.code} />
                  </>
                )}
              </span>
            </li>
          ),
        )}
      </ol>
    </>
  );
}
