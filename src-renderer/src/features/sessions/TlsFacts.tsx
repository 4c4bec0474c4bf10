import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo, TlsCertificate, TlsInfo } from '../../../../src-shared/contract';
import { counted } from '../../ui/format';

/** A date as the certificate has it, in UTC (what `openssl x509` prints), without the seconds' fraction. */
function utc(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A SHA-256 fingerprint: selected whole with one click, and a Copy button (no clipboard permission: said so). */
function Fingerprint({ value, testId }: { value: string; testId: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <span className="tls-fingerprint">
      <span className="mono tls-fingerprint-value" data-testid={testId}>
        {value}
      </span>
      <button type="button" className="btn btn-small" onClick={() => void copy()}>
        {t(`tls.copy.${copied}`)}
      </button>
    </span>
  );
}

function CertRow({ cert, index }: { cert: TlsCertificate; index: number }) {
  const { t } = useTranslation();
  return (
    <li className="tls-cert" data-testid="tls-cert" data-self-signed={cert.selfSigned}>
      <div className="tls-cert-subject mono" data-testid="tls-cert-subject">
        <span className="tls-cert-index">{index === 0 ? t('tls.leaf') : t('tls.chainAt', { n: index })}</span>{' '}
        {cert.subject}
        {cert.selfSigned && <span className="pill">{t('tls.selfSignedPill')}</span>}
      </div>
      <dl className="tls-cert-fields">
        <dt>{t('tls.issuer')}</dt>
        <dd className="mono" data-testid="tls-cert-issuer">
          {cert.issuer}
        </dd>
        <dt>{t('tls.validity')}</dt>
        <dd className="mono" data-testid="tls-cert-validity">
          {t('tls.validRange', { from: utc(cert.validFrom), to: utc(cert.validTo) })}
        </dd>
        <dt>{t('tls.sans')}</dt>
        <dd className="mono" data-testid="tls-cert-sans">
          {cert.subjectAltNames.length > 0 ? cert.subjectAltNames.join(', ') : t('tls.none')}
        </dd>
        <dt>SHA-256</dt>
        <dd>
          <Fingerprint value={cert.fingerprint256} testId="tls-cert-fingerprint" />
        </dd>
      </dl>
    </li>
  );
}

/** What the certificate check found, in words: the client checks the server, a server the client's certificate. */
function verifiedText(tls: TlsInfo, t: (key: string, values?: Record<string, unknown>) => string): string {
  if (!tls.established) return t('tls.notYet');
  if (tls.role === 'server' && (tls.peerCertificates?.length ?? 0) === 0)
    return tls.server?.requestClientCert ? t('tls.noClientCert') : t('tls.clientCertNotAsked');
  if (tls.authorized) return t('tls.verified');
  const reason = tls.authorizationError ?? t('tls.unknownReason');
  return tls.role === 'client' && tls.client?.verify === false
    ? t('tls.notVerifiedCheckOff', { reason })
    : t('tls.notVerified', { reason });
}

function Fact({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="fact">
      <span className="fact-label">{label}</span>
      <span className="fact-value mono" data-testid={testId} title={value}>
        {value}
      </span>
    </div>
  );
}

/**
 * A TLS session's layer as OpenSSL reported it: negotiated version, cipher,
 * ALPN and SNI, whether the peer's certificate passed the check (and why not),
 * the peer's chain, and for servers their own certificate's fingerprint, for
 * a client to pin.
 */
export function TlsFacts({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const tls = info.tls;
  if (!tls) return null;
  const listening = info.kind === 'tcp-server';
  const chain = tls.peerCertificates ?? [];
  const own = tls.localCertificate;
  return (
    <section className="tls-facts" data-testid="tls-facts" data-established={tls.established}>
      <h2 className="tls-title">{t('tls.title')}</h2>
      {!listening && (
        <div className="tls-facts-row">
          <Fact label={t('tls.version')} value={tls.version ?? '—'} testId="tls-version" />
          <Fact label={t('tls.cipher')} value={tls.cipher ?? '—'} testId="tls-cipher" />
          <Fact label="ALPN" value={tls.alpn ?? t('tls.none')} testId="tls-alpn-negotiated" />
          <Fact label="SNI" value={tls.servername ?? t('tls.none')} testId="tls-servername-value" />
          <div className="fact">
            <span className="fact-label">
              {t(tls.role === 'client' ? 'tls.serverCert' : 'tls.clientCert')}
            </span>
            <span
              className={`fact-value tls-verified${tls.authorized ? ' ok' : ''}`}
              data-testid="tls-verified"
              data-authorized={tls.authorized === true}
            >
              {verifiedText(tls, t)}
            </span>
          </div>
        </div>
      )}
      {own && (
        <div className="tls-own" data-testid="tls-own-cert" data-self-signed={tls.selfSigned === true}>
          <span className="fact-label">{t('tls.ownFingerprint')}</span>{' '}
          <Fingerprint value={own.fingerprint256} testId="tls-server-fingerprint" />
          <span className="tls-own-note">
            {tls.selfSigned
              ? t('tls.selfSignedKept', { file: tls.certFile ?? '' })
              : t('tls.certFrom', { file: tls.certFile ?? '' })}
          </span>
        </div>
      )}
      {!listening && chain.length > 0 && (
        <div className="tls-chain">
          <span className="fact-label">{t('tls.chain', counted(chain.length))}</span>
          <ol className="tls-cert-chain" data-testid="tls-cert-chain">
            {chain.map((cert, i) => (
              <CertRow key={`${i}-${cert.fingerprint256}`} cert={cert} index={i} />
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
