import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeError, SessionInfo } from '../../../../src-shared/contract';
import { useSessionActions } from '../sessions/use-session-actions';
import { formatBytes } from '../../ui/format';
import { useErrorText } from '../../ui/use-error-text';
import { InlineNumberField } from '../../ui/InlineNumberField';
import { isClosedState } from '../sessions/session-state';
import { useOffline } from '../../store/hooks';

/** At most this much of the file per bridge command: big enough to be quick, small enough to keep the UI live. */
const CHUNK = 1024 * 1024;
/** The largest UDP payload over IPv4 (65535 − 8 − 20). */
const MAX_DATAGRAM = 65_507;
const DEFAULT_DATAGRAM = 1024;

type Progress = { state: 'sending' | 'done' | 'cancelled' | 'failed'; sent: number; total: number };

export interface FileSendControlsProps {
  info: SessionInfo;
  /** UDP: where the datagrams go. */
  destination?: { host: string; port: number };
}

/**
 * Send a file: over TCP as one stream (chunks of ≤ 1 MiB, in order, each
 * awaited, so a slow peer slows the sender instead of filling memory); over
 * UDP as consecutive datagrams of a chosen size, cut in main. The file is
 * read slice by slice, never whole.
 */
export function FileSendControls({ info, destination }: FileSendControlsProps) {
  const { t } = useTranslation();
  const { sendChunk: sendBytes } = useSessionActions(info);
  const errorText = useErrorText();
  const inputRef = useRef<HTMLInputElement>(null);
  const cancelled = useRef(false);
  const [file, setFile] = useState<File | undefined>();
  const [datagram, setDatagram] = useState(String(DEFAULT_DATAGRAM));
  const [progress, setProgress] = useState<Progress | undefined>();
  const [error, setError] = useState<BridgeError | undefined>();
  const isUdp = info.kind === 'udp';
  // Nothing can be sent while main is out of reach.
  const offline = useOffline();
  const closed = isClosedState(info.state) || offline;
  const sending = progress?.state === 'sending';
  const datagramSize = Number(datagram);
  const datagramOk = Number.isInteger(datagramSize) && datagramSize >= 1 && datagramSize <= MAX_DATAGRAM;

  const sendChunk = async (bytes: Uint8Array): Promise<BridgeError | undefined> => {
    const r = await sendBytes(bytes, destination, datagramSize);
    return r.ok ? undefined : r.error;
  };

  const send = async (): Promise<void> => {
    if (!file) return;
    cancelled.current = false;
    setError(undefined);
    const total = file.size;
    // UDP: whole datagrams per chunk, so no datagram is split across two commands.
    const step = isUdp ? Math.max(1, Math.floor(CHUNK / datagramSize)) * datagramSize : CHUNK;
    let sent = 0;
    setProgress({ state: 'sending', sent, total });
    while (sent < total) {
      if (cancelled.current) {
        setProgress({ state: 'cancelled', sent, total });
        return;
      }
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.slice(sent, Math.min(total, sent + step)).arrayBuffer());
      } catch (err) {
        const detail = err instanceof Error ? err.message : String(err);
        setError({ code: 'FILE_READ_FAILED', message: detail, params: { name: file.name, detail } });
        setProgress({ state: 'failed', sent, total });
        return;
      }
      const failure = await sendChunk(bytes);
      if (failure) {
        setError(failure);
        setProgress({ state: 'failed', sent, total });
        return;
      }
      sent += bytes.byteLength;
      setProgress({ state: 'sending', sent, total });
    }
    setProgress({ state: 'done', sent, total });
  };

  return (
    <div className="composer-tool file-send" data-testid="file-send-tool">
      <span className="composer-tool-title">{t('fileSend.title')}</span>
      <input
        ref={inputRef}
        type="file"
        className="visually-hidden"
        data-testid="composer-file"
        onChange={(e) => {
          setFile(e.target.files?.[0]);
          setProgress(undefined);
          setError(undefined);
        }}
      />
      <button
        type="button"
        className="btn btn-small btn-ghost"
        data-testid="file-choose"
        disabled={sending}
        onClick={() => inputRef.current?.click()}
      >
        {t('fileSend.choose')}
      </button>
      {file && (
        <span className="file-name mono" data-testid="file-name" title={file.name}>
          {file.name} · {formatBytes(file.size)}
        </span>
      )}
      {isUdp && (
        <InlineNumberField
          label={t('fileSend.datagram')}
          hint={t('fileSend.datagramHint')}
          testId="file-datagram-size"
          value={datagram}
          valid={datagramOk}
          disabled={sending}
          onChange={setDatagram}
        />
      )}
      {sending ? (
        <button
          type="button"
          className="btn btn-small btn-danger"
          data-testid="file-cancel"
          onClick={() => (cancelled.current = true)}
        >
          {t('fileSend.cancel')}
        </button>
      ) : (
        <button
          type="button"
          className="btn btn-small"
          data-testid="file-send"
          disabled={!file || closed || (isUdp && !datagramOk)}
          onClick={() => void send()}
        >
          {t('fileSend.send')}
        </button>
      )}
      {progress && (
        <span
          className={`composer-tool-progress mono state-${progress.state}`}
          data-testid="file-progress"
          data-state={progress.state}
          data-sent={progress.sent}
          data-total={progress.total}
        >
          {t('fileSend.progress', {
            sent: formatBytes(progress.sent),
            total: formatBytes(progress.total),
            percent: progress.total ? Math.floor((progress.sent * 100) / progress.total) : 100,
          })}
          {progress.state !== 'sending' && ` · ${t(`fileSend.state.${progress.state}`)}`}
        </span>
      )}
      {error && (
        <span className="composer-error" role="alert" data-testid="file-error" data-code={error.code}>
          <strong className="mono">{error.code}</strong> {errorText(error)}
        </span>
      )}
    </div>
  );
}
