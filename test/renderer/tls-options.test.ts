import { describe, expect, it } from 'vitest';
import {
  alpnList,
  TLS_FIELD_DEFAULTS,
  tlsClientOptions,
  tlsServerOptions,
} from '../../src-renderer/src/features/dialogs/tls-options';

describe('the TLS fields of the new-session dialog, as tcp.connect / tcp.listen options', () => {
  it('left as they open: only the certificate check and the timeout are said, main picks the rest', () => {
    expect(tlsClientOptions(TLS_FIELD_DEFAULTS)).toEqual({ verify: true, handshakeTimeoutMs: 10_000 });
    expect(tlsServerOptions(TLS_FIELD_DEFAULTS)).toEqual({});
  });

  it('passes what was typed, trimmed; ALPN comma-separated in order, empty entries dropped', () => {
    expect(alpnList(' h2, ,http/1.1 ,')).toEqual(['h2', 'http/1.1']);
    expect(alpnList(' , ')).toBeUndefined();
    expect(
      tlsClientOptions({
        ...TLS_FIELD_DEFAULTS,
        tlsServername: ' example.test ',
        tlsAlpn: 'mqtt',
        tlsMinVersion: 'TLSv1.2',
        tlsMaxVersion: 'TLSv1.3',
        tlsVerify: false,
        tlsCaFile: '/tmp/ca.pem',
        tlsCertFile: '/tmp/c.pem',
        tlsKeyFile: '/tmp/k.pem',
        tlsHandshakeTimeoutMs: '',
      }),
    ).toEqual({
      servername: 'example.test',
      alpn: ['mqtt'],
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.3',
      verify: false,
      caFile: '/tmp/ca.pem',
      certFile: '/tmp/c.pem',
      keyFile: '/tmp/k.pem',
    });
  });

  it('a timeout that is not a number goes to main as typed (NaN), for main to refuse with its message', () => {
    expect(
      tlsClientOptions({ ...TLS_FIELD_DEFAULTS, tlsHandshakeTimeoutMs: 'soon' }).handshakeTimeoutMs,
    ).toBeNaN();
  });

  it('server: certificate, key, client-certificate request and CA as typed', () => {
    expect(
      tlsServerOptions({
        ...TLS_FIELD_DEFAULTS,
        tlsCertFile: '/srv/c.pem',
        tlsKeyFile: '/srv/k.pem',
        tlsRequestClientCert: true,
        tlsCaFile: '/srv/ca.pem',
      }),
    ).toEqual({
      certFile: '/srv/c.pem',
      keyFile: '/srv/k.pem',
      requestClientCert: true,
      caFile: '/srv/ca.pem',
    });
  });
});
