import {
  TLS_VERSIONS,
  type DialogPrefs,
  type TlsClientOptions,
  type TlsServerOptions,
  type TlsVersion,
} from '../../../../src-shared/contract';

/** The TLS fields of the new-session dialog, as typed. */
export interface TlsFieldValues {
  tlsServername: string;
  /** Comma-separated, most wanted first. */
  tlsAlpn: string;
  /** '' = Node's default. */
  tlsMinVersion: string;
  tlsMaxVersion: string;
  tlsVerify: boolean;
  tlsCaFile: string;
  tlsCertFile: string;
  tlsKeyFile: string;
  tlsHandshakeTimeoutMs: string;
  tlsRequestClientCert: boolean;
}

export const TLS_FIELD_DEFAULTS: TlsFieldValues = {
  tlsServername: '',
  tlsAlpn: '',
  tlsMinVersion: '',
  tlsMaxVersion: '',
  tlsVerify: true,
  tlsCaFile: '',
  tlsCertFile: '',
  tlsKeyFile: '',
  tlsHandshakeTimeoutMs: '10000',
  tlsRequestClientCert: false,
};

function version(text: string): TlsVersion | undefined {
  return (TLS_VERSIONS as readonly string[]).includes(text) ? (text as TlsVersion) : undefined;
}

/** Empty fields are "not given" (main's defaults); everything else goes to main as typed, for it to check. */
function given(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function alpnList(text: string): string[] | undefined {
  const list = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return list.length > 0 ? list : undefined;
}

/** Drops the keys left undefined, so the args say only what the user chose. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function tlsClientOptions(v: TlsFieldValues): TlsClientOptions {
  const timeout = given(v.tlsHandshakeTimeoutMs);
  return defined<TlsClientOptions>({
    servername: given(v.tlsServername),
    alpn: alpnList(v.tlsAlpn),
    minVersion: version(v.tlsMinVersion),
    maxVersion: version(v.tlsMaxVersion),
    verify: v.tlsVerify,
    caFile: given(v.tlsCaFile),
    certFile: given(v.tlsCertFile),
    keyFile: given(v.tlsKeyFile),
    handshakeTimeoutMs: timeout === undefined ? undefined : Number(timeout),
  });
}

export function tlsServerOptions(v: TlsFieldValues): TlsServerOptions {
  return defined<TlsServerOptions>({
    certFile: given(v.tlsCertFile),
    keyFile: given(v.tlsKeyFile),
    requestClientCert: v.tlsRequestClientCert || undefined,
    caFile: given(v.tlsCaFile),
  });
}

/** Every field of the new-session dialog: the remembered ones, and the certificate check (never remembered off). */
export type DialogFields = Required<DialogPrefs> & { tlsVerify: boolean };
