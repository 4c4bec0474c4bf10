import { nodeBytes, quote, samePortNote } from './literals';
import {
  decodingOf,
  isAnyAddress,
  isEmpty,
  type Message,
  isIPv6,
  type CodeSpec,
  type Decoding,
  type TcpClientSpec,
  type TcpServerSpec,
  type TlsClientCode,
  type TlsServerCode,
  type UdpSpec,
} from './spec';
import type { EncodingId } from '../codec/encodings';

/** Encodings Node's Buffer knows itself; the others need iconv-lite (what the workbench uses too). */
const NATIVE: Partial<Record<EncodingId, string>> = {
  'utf-8': 'utf8',
  'iso-8859-1': 'latin1',
  ascii: 'ascii',
  'utf-16le': 'utf16le',
};

interface Codec {
  require: string[];
  encode(expr: string): string;
  decode(expr: string): string;
  /** `const sendData = ...;` and the bytes expression that is sent. */
  message(message: Message): { assign: string; bytes: string };
}

/**
 * encode() in the send box's encoding, decode() in the log view's: each native or iconv-lite.
 * A hex log view prints hex: toString() in any encoding is a guess, hex shows every byte.
 */
function codec(encoding: EncodingId, decoding: Decoding): Codec {
  const texts: EncodingId[] = decoding === 'hex' ? [encoding] : [encoding, decoding];
  const needsIconv = texts.filter((e) => !NATIVE[e]);
  const encode = (e: string): string => {
    const native = NATIVE[encoding];
    return native ? `Buffer.from(${e}, ${quote(native)})` : `iconv.encode(${e}, ${quote(encoding)})`;
  };
  return {
    require:
      needsIconv.length === 0
        ? []
        : [`const iconv = require('iconv-lite'); // npm install iconv-lite: Buffer has no ${needsIconv[0]}`],
    encode,
    decode: (e) => {
      // "FF 00 41": the log's hex, byte by byte, upper case, a space between.
      if (decoding === 'hex')
        return `Array.from(${e}, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ')`;
      const native = NATIVE[decoding];
      return native ? `${e}.toString(${quote(native)})` : `iconv.decode(${e}, ${quote(decoding)})`;
    },
    message: (message) =>
      typeof message === 'string'
        ? { assign: `const sendData = ${quote(message)};`, bytes: encode('sendData') }
        : {
            assign: `const sendData = ${nodeBytes(message)}; // 原样的字节 / the bytes as they are`,
            bytes: 'sendData',
          },
  };
}

/** The same program as the Python one, in Node.js with dgram / net, the same numbered steps. */
export function nodeProgram(spec: CodeSpec): string {
  const c = codec(spec.encoding, decodingOf(spec));
  const tls = spec.kind === 'udp' ? undefined : spec.tls;
  const module = spec.kind === 'udp' ? 'dgram' : tls ? 'tls' : 'net';
  const body =
    spec.kind === 'udp' ? udp(spec, c) : spec.kind === 'tcp-client' ? tcpClient(spec, c) : tcpServer(spec, c);
  // Certificate, key and CA files are read with fs, as Node's tls examples do.
  const files =
    tls && (tls.caFile || ('certFile' in tls && tls.certFile)) ? ["const fs = require('node:fs');"] : [];
  const lines = [`const ${module} = require('node:${module}');`, ...files, ...c.require, ''];
  if (spec.timeoutSeconds !== undefined) {
    lines.push(
      `// 最多运行 ${spec.timeoutSeconds} 秒 / give up after ${spec.timeoutSeconds} s`,
      `setTimeout(() => {`,
      `  console.log('timeout');`,
      `  process.exit(1);`,
      `}, ${spec.timeoutSeconds * 1000}).unref();`,
      '',
    );
  }
  return [...lines, ...body].join('\n') + '\n';
}

const hostOf = (address: string): string => (isAnyAddress(address) ? '0.0.0.0' : address);

function udp(spec: UdpSpec, c: Codec): string[] {
  const address = spec.bind?.address ?? spec.send?.host ?? '';
  const receives = spec.bind !== undefined || spec.send !== undefined;
  const out = [
    '// 1. 创建套接字 / create a UDP socket',
    `const udpSocket = dgram.createSocket(${quote(isIPv6(address) ? 'udp6' : 'udp4')});`,
    "udpSocket.on('error', (err) => {",
    '  console.error(err.message);',
    '  udpSocket.close();',
    '});',
    '',
  ];
  if (receives) {
    out.push(
      '// 4. 接收数据 / every datagram arrives with its sender (rinfo: address, port)',
      ...(spec.count === undefined ? [] : ['let received = 0;']),
      "udpSocket.on('message', (recvData, rinfo) => {",
      `  console.log(\`\${rinfo.address}:\${rinfo.port} \${${c.decode('recvData')}}\`);`,
      ...(spec.count === undefined
        ? []
        : [`  received += 1;`, `  if (received === ${spec.count}) udpSocket.close(); // 5. 关闭 / close`]),
      '});',
      '',
    );
  }
  const send = spec.send
    ? [
        "// 3. 发送数据 / send: text becomes bytes in the send box's encoding",
        c.message(spec.send.text).assign,
        `udpSocket.send(${c.message(spec.send.text).bytes}, ${spec.send.port}, ${quote(spec.send.host)}, (err) => {`,
        '  if (err) console.error(err.message);',
        ...(receives && spec.count !== 0 ? [] : ['  udpSocket.close(); // 5. 关闭 / close']),
        '});',
      ]
    : [];
  if (spec.bind) {
    if (spec.bind.port !== 0) out.push(`// ${samePortNote(spec.bind.port)}`);
    out.push(
      '// 2. 绑定本地信息 / bind a local address and port (0 = the OS chooses)',
      `udpSocket.bind(${spec.bind.port}, ${quote(hostOf(spec.bind.address))}, () => {`,
      '  const local = udpSocket.address();',
      '  console.log(`bound to ${local.address}:${local.port}`);',
      ...send.map((line) => (line ? `  ${line}` : line)),
      '});',
    );
  } else {
    out.push(
      '// 2. 不绑定：第一次 send 时系统自动分配端口 / no bind: the OS picks a port on the first send',
      ...send,
    );
  }
  return out;
}

function tcpClient(spec: TcpClientSpec, c: Codec): string[] {
  const data = c.message(spec.text);
  const open = spec.tls
    ? [
        '// 1. 创建套接字、连接服务器并完成 TLS 握手 / create a TCP socket, connect, then the TLS handshake',
        `const tcpClient = tls.connect(${tlsClientOptions(spec, spec.tls)}, () => {`,
        '  console.log(`connected from ${tcpClient.localAddress}:${tcpClient.localPort}`);',
        '  console.log(`TLS ${tcpClient.getProtocol()} ${tcpClient.getCipher().name} ${tcpClient.alpnProtocol || ""}`);',
      ]
    : [
        '// 1. 创建套接字并连接服务器 / create a TCP socket and connect (three-way handshake)',
        `const tcpClient = net.createConnection({ host: ${quote(spec.host)}, port: ${spec.port} }, () => {`,
        '  console.log(`connected from ${tcpClient.localAddress}:${tcpClient.localPort}`);',
      ];
  return [
    ...open,
    ...(isEmpty(spec.text)
      ? []
      : [
          "  // 2. 发送数据 / send, in the send box's encoding",
          `  ${data.assign}`,
          `  tcpClient.write(${data.bytes});`,
        ]),
    '});',
    '',
    '// 3. 接收一次数据，然后关闭 / one reply, then close, as the Python client: the server may keep the connection open',
    "tcpClient.once('data', (recvData) => {",
    "  // 按工作台日志视图的编码解码 / decoded as the workbench's log view shows it",
    `  console.log(${c.decode('recvData')});`,
    '  tcpClient.end(); // 4. 关闭 / close (FIN)',
    '});',
    "tcpClient.on('end', () => console.log('服务器已关闭连接 / the server closed the connection'));",
    "tcpClient.on('error', (err) => console.error(err.message));",
  ];
}

function tcpServer(spec: TcpServerSpec, c: Codec): string[] {
  const reply =
    spec.reply === undefined
      ? []
      : [
          '    // 5. 回复客户端 / answer the client',
          typeof spec.reply === 'string'
            ? `    newSocket.write(${c.encode(quote(spec.reply))});`
            : spec.reply instanceof Uint8Array
              ? `    newSocket.write(${nodeBytes(spec.reply)});`
              : '    newSocket.write(recvData); // 原样送回 / echo the same bytes',
        ];
  return [
    '// 1. 创建套接字 / create a TCP server socket',
    ...(spec.count === undefined ? [] : ['let accepted = 0;']),
    ...(spec.tls
      ? [
          '// TLS：每个客户端先完成握手，回调才被调用 / TLS: the callback runs once a client has finished its handshake',
          `const tcpServer = tls.createServer(${tlsServerOptions(spec.tls)}, (newSocket) => {`,
          '  console.log(`TLS ${newSocket.getProtocol()} ${newSocket.getCipher().name} ${newSocket.alpnProtocol || ""}`);',
        ]
      : ['const tcpServer = net.createServer((newSocket) => {']),
    '  // 3. 每个客户端一个新的套接字 / accept: a NEW socket for every client',
    '  console.log(`新的客户端 / new client ${newSocket.remoteAddress}:${newSocket.remotePort}`);',
    ...(spec.count === undefined
      ? []
      : [
          '  accepted += 1;',
          `  if (accepted === ${spec.count}) tcpServer.close(); // 不再接受新客户端 / stop accepting`,
        ]),
    "  newSocket.on('data', (recvData) => {",
    '    // 4. 接收数据 / receive',
    `    console.log(${c.decode('recvData')});`,
    ...reply,
    '  });',
    "  newSocket.on('end', () => console.log('客户端已关闭连接 / the client closed the connection'));",
    "  newSocket.on('error', (err) => console.error(err.message));",
    '});',
    '',
    ...(spec.port !== 0 ? [`// ${samePortNote(spec.port)}`] : []),
    `// 2. 绑定并监听 / bind and listen(${spec.backlog})`,
    `tcpServer.listen({ host: ${quote(hostOf(spec.address))}, port: ${spec.port}, backlog: ${spec.backlog} }, () => {`,
    '  const local = tcpServer.address();',
    '  console.log(`listening on ${local.address}:${local.port}`);',
    '});',
  ];
}

/** `{ key: value, … }` on one line, or over several when long. */
function objectLiteral(entries: string[]): string {
  const one = `{ ${entries.join(', ')} }`;
  return one.length <= 80 ? one : `{\n${entries.map((e) => `  ${e},`).join('\n')}\n}`;
}

function tlsClientOptions(spec: TcpClientSpec, tls: TlsClientCode): string {
  const entries = [`host: ${quote(spec.host)}`, `port: ${spec.port}`];
  if (tls.servername) entries.push(`servername: ${quote(tls.servername)}`);
  if (tls.alpn) entries.push(`ALPNProtocols: [${tls.alpn.map(quote).join(', ')}]`);
  if (tls.minVersion) entries.push(`minVersion: ${quote(tls.minVersion)}`);
  if (tls.maxVersion) entries.push(`maxVersion: ${quote(tls.maxVersion)}`);
  if (tls.caFile) entries.push(`ca: fs.readFileSync(${quote(tls.caFile)})`);
  if (tls.certFile && tls.keyFile)
    entries.push(
      `cert: fs.readFileSync(${quote(tls.certFile)})`,
      `key: fs.readFileSync(${quote(tls.keyFile)})`,
    );
  // 不校验证书（仅用于测试）: no certificate check, for tests only.
  if (!tls.verify) entries.push('rejectUnauthorized: false');
  return objectLiteral(entries);
}

function tlsServerOptions(tls: TlsServerCode): string {
  const entries = [
    `cert: fs.readFileSync(${quote(tls.certFile)})`,
    `key: fs.readFileSync(${quote(tls.keyFile)})`,
  ];
  // Ask for a client certificate, never require one: a client without one is still served.
  if (tls.requestClientCert) entries.push('requestCert: true', 'rejectUnauthorized: false');
  if (tls.caFile) entries.push(`ca: fs.readFileSync(${quote(tls.caFile)})`);
  if (tls.alpn) entries.push(`ALPNProtocols: [${tls.alpn.map(quote).join(', ')}]`);
  if (tls.minVersion) entries.push(`minVersion: ${quote(tls.minVersion)}`);
  if (tls.maxVersion) entries.push(`maxVersion: ${quote(tls.maxVersion)}`);
  return objectLiteral(entries);
}
