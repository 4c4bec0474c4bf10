import { isIP } from 'node:net';
import net from 'node:net';
import tls from 'node:tls';
import type { SessionInfo, TcpConnectArgs, TlsClientOptions, TlsInfo } from '../../src-shared/contract';
import { EngineError } from '../errors/engine-error';
import { familyOf } from './endpoint';
import type { SessionContext } from './session';
import { DEFAULT_CONNECT_TIMEOUT_MS, TcpClient } from './tcp-client';
import { credentialsError, translateTlsError, verifyError } from './tls-errors';
import { describeChain, negotiated, NONE, readPem, versionRange } from './tls-material';

export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;

/**
 * A TCP client with TLS over its connection (Node's tls.connect): the same
 * session kind, so framing, encodings, auto-reply, periodic send and capture
 * see the decrypted bytes as they see a plain stream's.
 *
 * The lifecycle: connect() → connected (TCP) → ClientHello sent → handshake
 * done. Node reports the TCP connect ('connect') and the finished handshake
 * ('secureConnect'); the ClientHello has no event of its own, it is written
 * the moment the TCP connection is up, and the step says so. Until the
 * handshake is done (and the certificate accepted) the state stays
 * connecting, so a failed handshake ends the session as failed, like a
 * refused connect().
 *
 * The certificate is checked here rather than by Node (rejectUnauthorized
 * off, then our own decision at secureConnect), so a refused certificate is
 * still shown: its chain, validity and names are what a person needs to see.
 */
export class TlsClient extends TcpClient {
  private tlsOptions!: TlsClientOptions;
  private context!: tls.SecureContext;
  private layer!: TlsInfo;
  /** The TCP connection is up and the handshake runs. */
  private handshaking = false;

  static connectTls(
    ctx: SessionContext,
    id: string,
    args: TcpConnectArgs & { tls: TlsClientOptions },
  ): TlsClient {
    // Files and context first: a missing CA file or a key that does not match refuses the command.
    const context = clientContext(args.tls);
    const client = new TlsClient(ctx, id, 'tcp-client', new net.Socket({ allowHalfOpen: true }), {
      closeOnPeerEnd: args.closeOnPeerEnd ?? true,
    });
    client.args = args;
    client.tlsOptions = args.tls;
    client.context = context;
    client.timeline('create', { type: 'SOCK_STREAM' });
    client.dial();
    return client;
  }

  /** The decrypted application data is what a capture of this session holds. */
  get decryptedTls(): boolean {
    return true;
  }

  protected override decorate(info: SessionInfo): SessionInfo {
    super.decorate(info);
    info.tls = { ...this.layer };
    return info;
  }

  /** The SNI to send: as given ('' = none), else the host when it is a name (never an IP address, RFC 6066). */
  private get servername(): string | undefined {
    const given = this.tlsOptions.servername;
    if (given !== undefined) return given === '' ? undefined : given;
    return isIP(this.args.host) ? undefined : this.args.host;
  }

  protected override dial(): void {
    const { args, tlsOptions } = this;
    const servername = this.servername;
    this.layer = { role: 'client', established: false, client: { ...tlsOptions } };
    if (servername) this.layer.servername = servername;
    this.handshaking = false;
    this.remote = { address: args.host, port: args.port, family: familyOf(args.host) };
    this.timeline('connect', { host: args.host, port: args.port });
    // Passed on to the TCP socket by tls.connect (its types leave these out).
    const options: tls.ConnectionOptions & {
      allowHalfOpen?: boolean;
      localAddress?: string;
      localPort?: number;
    } = {
      host: args.host,
      port: args.port,
      secureContext: this.context,
      rejectUnauthorized: false,
      allowHalfOpen: true,
    };
    if (servername) options.servername = servername;
    if (tlsOptions.alpn) options.ALPNProtocols = tlsOptions.alpn;
    if (args.localAddress) options.localAddress = args.localAddress;
    if (args.localPort) options.localPort = args.localPort;
    const socket = tls.connect(options);
    // The socket made before dial() never connects: this one replaces it.
    this.attach(socket);
    const connectMs = args.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const handshakeMs = tlsOptions.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
    let timer = setTimeout(() => {
      socket.destroy(
        new EngineError('ETIMEDOUT', 'Connect timed out.', {
          address: args.host,
          port: args.port,
          ms: connectMs,
        }),
      );
    }, connectMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      this.markConnected('connected');
      // TCP is up; TLS is not: sending waits, and a failure from here on is the handshake's.
      this.state = 'connecting';
      this.handshaking = true;
      this.timeline('tls-hello', { sni: servername ?? NONE, alpn: tlsOptions.alpn?.join(', ') || NONE });
      timer = setTimeout(() => {
        socket.destroy(
          new EngineError('TLS_HANDSHAKE_TIMEOUT', 'The TLS handshake timed out.', { ms: handshakeMs }),
        );
      }, handshakeMs);
      this.emitUpdated();
    });
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      this.onSecure(socket);
    });
    socket.once('close', () => clearTimeout(timer));
  }

  private onSecure(socket: tls.TLSSocket): void {
    const chain = describeChain(socket.getPeerCertificate(true));
    Object.assign(this.layer, negotiated(socket), { peerCertificates: chain, authorized: socket.authorized });
    const reason = socket.authorizationError ? String(socket.authorizationError) : undefined;
    if (reason) this.layer.authorizationError = reason;
    if (!socket.authorized && this.tlsOptions.verify !== false) {
      // Refused: the session fails with the reason explained, its certificate still on show.
      const host = this.servername ?? this.args.host;
      socket.destroy(verifyError(reason ?? 'UNKNOWN', chain[0], chain, host));
      return;
    }
    if (!socket.authorized) this.timeline('tls-unverified', { reason: reason ?? NONE });
    this.handshaking = false;
    this.layer.established = true;
    this.state = 'connected';
    this.timeline('tls-handshake', {
      version: this.layer.version ?? NONE,
      cipher: this.layer.cipher ?? NONE,
      alpn: this.layer.alpn ?? NONE,
    });
    this.emitUpdated();
  }

  protected override onError(err: NodeJS.ErrnoException): void {
    const range = versionRange(this.tlsOptions);
    super.onError(
      translateTlsError(err, { handshaking: this.handshaking, ...range }) as NodeJS.ErrnoException,
    );
    this.handshaking = false;
  }
}

/** The client's secure context: versions, trusted CAs, and the client certificate. */
function clientContext(options: TlsClientOptions): tls.SecureContext {
  const ca = options.caFile ? readPem(options.caFile) : undefined;
  const cert = options.certFile ? readPem(options.certFile) : undefined;
  const key = options.keyFile ? readPem(options.keyFile) : undefined;
  const config: tls.SecureContextOptions = {};
  if (options.minVersion) config.minVersion = options.minVersion;
  if (options.maxVersion) config.maxVersion = options.maxVersion;
  if (ca) config.ca = ca;
  if (cert) config.cert = cert;
  if (key) config.key = key;
  try {
    return tls.createSecureContext(config);
  } catch (err) {
    throw credentialsError(err);
  }
}
