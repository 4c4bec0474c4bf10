import type net from 'node:net';
import tls from 'node:tls';
import type {
  SessionInfo,
  StreamOptions,
  TcpListenArgs,
  TlsInfo,
  TlsServerOptions,
} from '../../src-shared/contract';
import type { AutoReplier } from './auto-reply';
import { EngineError } from '../errors/engine-error';
import type { Session, SessionContext } from './session';
import { TcpServer, type ServerHooks } from './tcp-server';
import { TcpStream } from './tcp-stream';
import { DEFAULT_HANDSHAKE_TIMEOUT_MS } from './tls-client';
import { credentialsError, translateTlsError } from './tls-errors';
import {
  describeChain,
  describePem,
  negotiated,
  NONE,
  readPem,
  versionRange,
  type SelfSignedSource,
  type TlsCredentials,
} from './tls-material';

/** What every accepted connection of one TLS server shares. */
interface ServerLayer {
  context: tls.SecureContext;
  options: TlsServerOptions;
  /** The server's own certificate, its files, and whether it is the workbench's self-signed one. */
  own: Pick<TlsInfo, 'localCertificate' | 'selfSigned' | 'certFile' | 'keyFile'>;
}

/**
 * A TCP server whose accepted sockets speak TLS: bind, listen and accept()
 * are the plain server's, then each accepted socket is wrapped in a server
 * TLSSocket, so the accept and the handshake are two visible steps, and a
 * client that fails its handshake is an accepted connection that failed,
 * with the reason, as TCP shows a reset one.
 */
export class TlsServer extends TcpServer {
  private layer!: ServerLayer;

  static async listenTls(
    ctx: SessionContext,
    id: string,
    args: TcpListenArgs & { tls: TlsServerOptions },
    hooks: ServerHooks,
    selfSigned: SelfSignedSource | undefined,
  ): Promise<TlsServer> {
    const layer = await serverLayer(args.tls, selfSigned);
    const session = new TlsServer(ctx, id, args, hooks);
    session.layer = layer;
    await session.start(args.address ?? '0.0.0.0', args.port);
    return session;
  }

  get decryptedTls(): boolean {
    return true;
  }

  protected override decorate(info: SessionInfo): SessionInfo {
    super.decorate(info);
    info.tls = { role: 'server', established: false, ...this.layer.own, server: { ...this.layer.options } };
    return info;
  }

  protected override acceptStream(socket: net.Socket, onClosed: (stream: TcpStream) => void): TcpStream {
    return TlsConnection.wrap(this.ctx, this.hooks.nextId(), socket, this.layer, {
      options: this.streamOptions,
      parentId: this.id,
      onClosed,
      answerer: () => this.replier,
      totals: this,
    });
  }
}

interface AcceptedAs {
  options: StreamOptions;
  parentId: string;
  onClosed: (stream: TcpStream) => void;
  answerer: () => AutoReplier | undefined;
  totals: Session;
}

/**
 * One accepted client of a TLS server (kind tcp-conn): accept() done, then
 * the handshake, in state connecting until it finishes ('secure').
 */
export class TlsConnection extends TcpStream {
  private layer!: TlsInfo;
  private server!: ServerLayer;
  private handshaking = true;

  static wrap(
    ctx: SessionContext,
    id: string,
    raw: net.Socket,
    server: ServerLayer,
    as: AcceptedAs,
  ): TlsConnection {
    const { options } = server;
    const socketOptions: tls.TLSSocketOptions = {
      isServer: true,
      secureContext: server.context,
      requestCert: options.requestClientCert === true,
      // A client certificate is asked for, never required: the session shows what came and what the check said.
      rejectUnauthorized: false,
    };
    if (options.alpn) socketOptions.ALPNProtocols = options.alpn;
    const socket = new tls.TLSSocket(raw, socketOptions);
    const conn = new TlsConnection(ctx, id, 'tcp-conn', socket, as.options, as.parentId);
    conn.server = server;
    conn.layer = { role: 'server', established: false, ...server.own, server: { ...options } };
    conn.totals = as.totals;
    conn.onClosed = as.onClosed;
    conn.answerer = as.answerer;
    conn.markConnected('accept');
    conn.state = 'connecting';
    const timeoutMs = options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
    const timer = setTimeout(() => {
      socket.destroy(
        new EngineError('TLS_HANDSHAKE_TIMEOUT', 'The TLS handshake timed out.', { ms: timeoutMs }),
      );
    }, timeoutMs);
    socket.once('secure', () => {
      clearTimeout(timer);
      conn.onSecure(socket);
    });
    socket.once('close', () => clearTimeout(timer));
    return conn;
  }

  get decryptedTls(): boolean {
    return true;
  }

  protected override decorate(info: SessionInfo): SessionInfo {
    super.decorate(info);
    info.tls = { ...this.layer };
    return info;
  }

  private onSecure(socket: tls.TLSSocket): void {
    const { servername } = socket;
    Object.assign(this.layer, negotiated(socket), {
      established: true,
      peerCertificates: describeChain(socket.getPeerCertificate(true)),
    });
    if (typeof servername === 'string' && servername) this.layer.servername = servername;
    if (this.server.options.requestClientCert) {
      const verdict = clientVerdict(socket);
      this.layer.authorized = verdict.authorized;
      if (verdict.error) this.layer.authorizationError = verdict.error;
    }
    this.handshaking = false;
    this.state = 'connected';
    this.timeline('tls-handshake', {
      version: this.layer.version ?? NONE,
      cipher: this.layer.cipher ?? NONE,
      alpn: this.layer.alpn ?? NONE,
    });
    this.emitUpdated();
  }

  protected override onError(err: NodeJS.ErrnoException): void {
    const range = versionRange(this.server.options);
    super.onError(
      translateTlsError(err, { handshaking: this.handshaking, ...range }) as NodeJS.ErrnoException,
    );
    this.handshaking = false;
  }
}

/** The TLS wrap's own verdict on the client's certificate chain. */
interface VerifyingHandle {
  verifyError(): (Error & { code?: string }) | null;
}

/**
 * Whether the client's certificate passed the check against the CA file.
 * Node's tls.Server reads this from the TLS wrap on 'secure'
 * (lib/_tls_wrap.js, onServerSocketSecure) and sets `authorized`; a server
 * TLSSocket made by hand, as here, must ask the same wrap itself.
 */
function clientVerdict(socket: tls.TLSSocket): { authorized: boolean; error?: string } {
  const handle = (socket as tls.TLSSocket & { ssl?: VerifyingHandle }).ssl;
  if (!handle) return { authorized: false, error: 'UNKNOWN' };
  const err = handle.verifyError();
  return err ? { authorized: false, error: err.code ?? err.message } : { authorized: true };
}

/** The server's context: its certificate (files, or the self-signed one), versions, and the CA for client certificates. */
async function serverLayer(
  options: TlsServerOptions,
  selfSigned: SelfSignedSource | undefined,
): Promise<ServerLayer> {
  let credentials: TlsCredentials;
  let isSelfSigned = false;
  if (options.certFile && options.keyFile) {
    credentials = {
      cert: readPem(options.certFile),
      key: readPem(options.keyFile),
      certFile: options.certFile,
      keyFile: options.keyFile,
    };
  } else {
    if (!selfSigned)
      throw new EngineError('INTERNAL', 'No self-signed certificate source.', {
        detail: 'no self-signed certificate source',
      });
    credentials = await selfSigned.credentials();
    isSelfSigned = true;
  }
  const config: tls.SecureContextOptions = { cert: credentials.cert, key: credentials.key };
  if (options.minVersion) config.minVersion = options.minVersion;
  if (options.maxVersion) config.maxVersion = options.maxVersion;
  if (options.caFile) config.ca = readPem(options.caFile);
  let context: tls.SecureContext;
  try {
    context = tls.createSecureContext(config);
  } catch (err) {
    throw credentialsError(err);
  }
  const own: ServerLayer['own'] = { selfSigned: isSelfSigned };
  const certificate = describePem(credentials.cert);
  if (certificate) own.localCertificate = certificate;
  if (credentials.certFile) own.certFile = credentials.certFile;
  if (credentials.keyFile) own.keyFile = credentials.keyFile;
  return { context, options, own };
}
