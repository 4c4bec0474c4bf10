import { pythonBytes, quote, samePortNote } from './literals';
import {
  decodingOf,
  isAnyAddress,
  isEmpty,
  type Message,
  isIPv6,
  type CodeSpec,
  type TcpClientSpec,
  type TcpServerSpec,
  type TlsClientCode,
  type TlsServerCode,
  type UdpSpec,
} from './spec';
import type { TlsVersion } from '../contract';

/**
 * The session as a Python 3 program in the style of the classic Chinese
 * socket course: `from socket import *`, numbered bilingual comments,
 * bytes made with encode() in the send box's encoding and read with decode()
 * in the log view's, so the program prints what the workbench shows.
 */
export function pythonProgram(spec: CodeSpec): string {
  const body =
    spec.kind === 'udp' ? udp(spec) : spec.kind === 'tcp-client' ? tcpClient(spec) : tcpServer(spec);
  return [...header(spec), ...body].join('\n') + '\n';
}

const family = (address: string): string => (isIPv6(address) ? 'AF_INET6' : 'AF_INET');
/** `('', 7788)`: the course's "all interfaces" is the empty string. */
const bindTuple = (address: string, port: number): string =>
  `(${quote(isAnyAddress(address) || address === '::' ? '' : address)}, ${port})`;

function header(spec: CodeSpec): string[] {
  const lines =
    spec.kind !== 'udp' && spec.tls
      ? ['import ssl', 'from socket import *', '']
      : ['from socket import *', ''];
  if (spec.timeoutSeconds !== undefined) {
    lines.push(
      `# 每个阻塞调用最多等 ${spec.timeoutSeconds} 秒 / every blocking call gives up after ${spec.timeoutSeconds} s`,
      `setdefaulttimeout(${spec.timeoutSeconds})`,
      '',
    );
  }
  return lines;
}

/** The comment above a send: how text becomes bytes, or that bytes stay bytes. */
const sendHow = (message: Message, enc: string): string =>
  typeof message === 'string'
    ? `text becomes bytes with encode(${enc}), the send box's encoding`
    : 'the bytes exactly as the send box has them, no encode()';

/** `send_data = ...` and the expression that is sent. */
function sendData(message: Message, enc: string): { assign: string; bytes: string } {
  return typeof message === 'string'
    ? { assign: `send_data = ${quote(message)}`, bytes: `send_data.encode(${enc})` }
    : { assign: `send_data = ${pythonBytes(message)}`, bytes: 'send_data' };
}

/** How the program prints received bytes: decode() in the log view's encoding, or hex as the log shows. */
interface Shown {
  /** The comment above the print. */
  note(indent: string): string;
  /** The printable form of a bytes expression. */
  text(expr: string): string;
}

function shown(spec: CodeSpec): Shown {
  const decoding = decodingOf(spec);
  if (decoding === 'hex')
    // decode() raises UnicodeDecodeError on bytes that are not text (FF 00 ...); hex prints any bytes.
    return {
      note: (indent) =>
        `${indent}# hex(' ').upper(): 与工作台日志视图一致，按十六进制显示 / in hex, as the workbench's log view shows them (any bytes)`,
      text: (expr) => `${expr}.hex(' ').upper()`,
    };
  const dec = quote(decoding);
  return {
    note: (indent) =>
      `${indent}# decode(${dec}): 与工作台日志视图的编码一致 / as the workbench's log view shows them`,
    text: (expr) => `${expr}.decode(${dec})`,
  };
}

/** `for i in range(3):` when the session asked for a count, else the course's `while True:`. */
const loop = (count: number | undefined): string =>
  count === undefined ? 'while True:' : `for i in range(${count}):`;

function udp(spec: UdpSpec): string[] {
  const enc = quote(spec.encoding);
  const show = shown(spec);
  const address = spec.bind?.address ?? spec.send?.host ?? '';
  const out = [
    '# 1. 创建套接字 / create a UDP socket',
    `udp_socket = socket(${family(address)}, SOCK_DGRAM)`,
    '',
  ];
  let step = 2;
  if (spec.bind) {
    if (spec.bind.port !== 0) out.push(`# ${samePortNote(spec.bind.port)}`);
    out.push(
      `# ${step++}. 绑定本地信息 / bind a local address and port ('' = every interface, 0 = the OS chooses)`,
      `local_addr = ${bindTuple(spec.bind.address, spec.bind.port)}`,
      'udp_socket.bind(local_addr)',
      '',
    );
  }
  if (spec.send) {
    const data = sendData(spec.send.text, enc);
    out.push(
      `# ${step++}. 发送数据 / send: ${sendHow(spec.send.text, enc)}${spec.bind ? '' : '; no bind(), so the OS picks our port now'}`,
      `dest_addr = (${quote(spec.send.host)}, ${spec.send.port})`,
      data.assign,
      `udp_socket.sendto(${data.bytes}, dest_addr)`,
      '',
    );
  }
  // An unbound socket that never sent has no port: nobody could reach it.
  if (spec.bind || spec.send) {
    out.push(
      `# ${step++}. 接收数据 / receive: recvfrom(1024) returns (bytes, (ip, port)), at most 1024 bytes`,
      loop(spec.count),
      '    recv_data, sender_addr = udp_socket.recvfrom(1024)',
      `    # ${step++}. 显示对方的地址和数据 / show who sent it and what, decoded`,
      show.note('    '),
      `    print('%s:%d %s' % (sender_addr[0], sender_addr[1], ${show.text('recv_data')}))`,
      '',
    );
  }
  out.push(`# ${step}. 关闭套接字 / close`, 'udp_socket.close()');
  return out;
}

function tcpClient(spec: TcpClientSpec): string[] {
  const enc = quote(spec.encoding);
  const show = shown(spec);
  const out = [
    '# 1. 创建套接字 / create a TCP socket',
    `tcp_client_socket = socket(${family(spec.host)}, SOCK_STREAM)`,
    '',
    '# 2. 连接服务器 / connect: the three-way handshake; the OS picks our port',
    `server_addr = (${quote(spec.host)}, ${spec.port})`,
    'tcp_client_socket.connect(server_addr)',
    '',
  ];
  let step = 3;
  if (spec.tls) {
    out.unshift(...clientContext(spec.tls));
    const name = spec.tls.servername ?? spec.host;
    out.push(
      `# ${step++}. TLS 握手 / wrap_socket(): the TLS handshake over this connection; from here send/recv are encrypted`,
      `tcp_client_socket = context.wrap_socket(tcp_client_socket, server_hostname=${quote(name)})`,
      "print('TLS', tcp_client_socket.version(), tcp_client_socket.cipher()[0], tcp_client_socket.selected_alpn_protocol())",
      '',
    );
  }
  if (!isEmpty(spec.text)) {
    const data = sendData(spec.text, enc);
    out.push(
      `# ${step++}. 发送数据 / send: ${sendHow(spec.text, enc)}`,
      data.assign,
      `tcp_client_socket.send(${data.bytes})`,
      '',
    );
  }
  // One recv, then close, as the course's client does: a server that keeps the
  // connection open (most do) would leave a recv loop waiting for ever.
  out.push(
    `# ${step++}. 接收数据 / recv(1024): wait for the reply, at most 1024 bytes (a longer one needs more recv() calls)`,
    'recv_data = tcp_client_socket.recv(1024)',
    "# b'' 表示服务器已关闭连接 / an empty recv means the server closed",
    'if recv_data:',
    show.note('    '),
    `    print(${show.text('recv_data')})`,
    'else:',
    "    print('服务器已关闭连接 / the server closed the connection')",
    '',
    `# ${step}. 关闭套接字 / close (sends FIN)`,
    'tcp_client_socket.close()',
  );
  return out;
}

function tcpServer(spec: TcpServerSpec): string[] {
  const enc = quote(spec.encoding);
  const show = shown(spec);
  const reply =
    spec.reply === undefined
      ? []
      : [
          '        # 6. 回复客户端 / answer the client',
          typeof spec.reply === 'string'
            ? `        new_socket.send(${quote(spec.reply)}.encode(${enc}))`
            : spec.reply instanceof Uint8Array
              ? `        new_socket.send(${pythonBytes(spec.reply)})`
              : '        new_socket.send(recv_data)  # 原样送回 / echo the same bytes',
        ];
  const wrap = spec.tls
    ? [
        '    # TLS 握手 / wrap_socket(server_side=True): the handshake with this client; then recv/send are decrypted',
        '    new_socket = context.wrap_socket(new_socket, server_side=True)',
        "    print('TLS', new_socket.version(), new_socket.cipher()[0], new_socket.selected_alpn_protocol())",
      ]
    : [];
  return [
    ...(spec.tls ? serverContext(spec.tls) : []),
    '# 1. 创建套接字 / create a TCP socket',
    `tcp_server_socket = socket(${family(spec.address)}, SOCK_STREAM)`,
    '# 重启后可以立即再用这个端口 / a restarted server may reuse the port at once',
    'tcp_server_socket.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)',
    '',
    ...(spec.port !== 0 ? [`# ${samePortNote(spec.port)}`] : []),
    "# 2. 绑定本地信息 / bind a local address and port ('' = every interface)",
    `tcp_server_socket.bind(${bindTuple(spec.address, spec.port)})`,
    '',
    `# 3. 监听 / listen(${spec.backlog}): the socket now only accepts connections, it never sends`,
    `tcp_server_socket.listen(${spec.backlog})`,
    '',
    loop(spec.count),
    '    # 4. 等待客户端连接 / accept(): a NEW socket for this client, and its (ip, port)',
    '    new_socket, client_addr = tcp_server_socket.accept()',
    "    print('新的客户端 / new client %s:%d' % (client_addr[0], client_addr[1]))",
    ...wrap,
    '    while True:',
    "        # 5. 接收数据 / recv(1024): b'' means the client closed",
    '        recv_data = new_socket.recv(1024)',
    '        if not recv_data:',
    "            print('客户端已关闭连接 / the client closed the connection')",
    '            break',
    show.note('        '),
    `        print(${show.text('recv_data')})`,
    ...reply,
    "    # 7. 关闭为这个客户端服务的套接字 / close this client's socket",
    '    new_socket.close()',
    '',
    '# 8. 关闭监听套接字 / close the listening socket',
    'tcp_server_socket.close()',
  ];
}

/** `ssl.TLSVersion.TLSv1_2` for `TLSv1.2`. */
const pyVersion = (v: TlsVersion): string => `ssl.TLSVersion.${v.replace('.', '_')}`;

/** Version range and ALPN, the same lines for both ends. */
function contextOptions(tls: {
  alpn?: string[];
  minVersion?: TlsVersion;
  maxVersion?: TlsVersion;
}): string[] {
  const out: string[] = [];
  if (tls.minVersion) out.push(`context.minimum_version = ${pyVersion(tls.minVersion)}`);
  if (tls.maxVersion) out.push(`context.maximum_version = ${pyVersion(tls.maxVersion)}`);
  if (tls.alpn) out.push(`context.set_alpn_protocols([${tls.alpn.map(quote).join(', ')}])`);
  return out;
}

function clientContext(tls: TlsClientCode): string[] {
  const out = [
    '# TLS 上下文 / the TLS context: which CAs to trust, which versions, which protocols (ALPN)',
    tls.caFile
      ? `context = ssl.create_default_context(cafile=${quote(tls.caFile)})`
      : 'context = ssl.create_default_context()',
  ];
  if (!tls.verify)
    out.push(
      '# 不校验证书（仅用于测试）/ no certificate check (for tests only): anyone could be on the other end',
      'context.check_hostname = False',
      'context.verify_mode = ssl.CERT_NONE',
    );
  out.push(...contextOptions(tls));
  if (tls.certFile && tls.keyFile)
    out.push(
      '# 客户端证书 / our client certificate, for servers that ask for one',
      `context.load_cert_chain(${quote(tls.certFile)}, ${quote(tls.keyFile)})`,
    );
  return [...out, ''];
}

function serverContext(tls: TlsServerCode): string[] {
  const out = [
    '# TLS 上下文 / the TLS context: our certificate and key, the versions and protocols (ALPN) we accept',
    'context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)',
    `context.load_cert_chain(${quote(tls.certFile)}, ${quote(tls.keyFile)})`,
  ];
  if (tls.requestClientCert) {
    out.push(
      '# 请求客户端证书 / ask every client for a certificate (CERT_OPTIONAL: one that sends none is still served)',
      'context.verify_mode = ssl.CERT_OPTIONAL',
    );
    if (tls.caFile) out.push(`context.load_verify_locations(cafile=${quote(tls.caFile)})`);
  }
  out.push(...contextOptions(tls));
  return [...out, ''];
}
