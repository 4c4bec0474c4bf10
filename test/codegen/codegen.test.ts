import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src-shared/contract';
import { nodeProgram, pythonProgram, specFromSession } from '../../src-shared/codegen';
import { quote } from '../../src-shared/codegen/literals';

const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));
const counters = { bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0 };

describe('generated Python reads like the course', () => {
  it("UDP: bind(('', 7788)), sendto, recvfrom(1024) with encode/decode in the session encoding", () => {
    const code = pythonProgram({
      kind: 'udp',
      encoding: 'gbk',
      bind: { address: '0.0.0.0', port: 7788 },
      send: { host: '192.168.1.103', port: 8080, text: '你好' },
    });
    expect(code).toContain('from socket import *');
    expect(code).toContain('udp_socket = socket(AF_INET, SOCK_DGRAM)');
    expect(code).toContain("local_addr = ('', 7788)");
    expect(code).toContain("dest_addr = ('192.168.1.103', 8080)");
    expect(code).toContain("udp_socket.sendto(send_data.encode('gbk'), dest_addr)");
    expect(code).toContain('while True:');
    expect(code).toContain('recv_data, sender_addr = udp_socket.recvfrom(1024)');
    expect(code).toContain("recv_data.decode('gbk')");
    expect(code).toMatch(/# 1\. 创建套接字 \/ create a UDP socket/);
    expect(code.trimEnd().endsWith('udp_socket.close()')).toBe(true);
  });

  it('a program that binds the session’s own port says to close the session first; port 0 needs no note', () => {
    const fixed = { kind: 'udp', encoding: 'utf-8', bind: { address: '0.0.0.0', port: 7788 } } as const;
    for (const code of [pythonProgram(fixed), nodeProgram(fixed)]) {
      expect(code).toContain(
        'this session holds port 7788 in the workbench: close it before you run this program',
      );
    }
    const server = {
      kind: 'tcp-server',
      encoding: 'utf-8',
      address: '0.0.0.0',
      port: 7890,
      backlog: 128,
    } as const;
    expect(pythonProgram(server)).toContain('holds port 7890');
    expect(nodeProgram(server)).toContain('holds port 7890');
    expect(pythonProgram({ ...fixed, bind: { address: '0.0.0.0', port: 0 } })).not.toContain('holds port');
  });

  it('UDP unbound sender: no bind(), the OS picks the port on sendto', () => {
    const code = pythonProgram({ kind: 'udp', encoding: 'utf-8', send: { host: '::1', port: 9, text: 'x' } });
    expect(code).not.toContain('.bind(');
    expect(code).toContain('socket(AF_INET6, SOCK_DGRAM)');
  });

  it('TCP server: listen(backlog), accept, recv(1024), send, close; a count bounds the loop', () => {
    const code = pythonProgram({
      kind: 'tcp-server',
      encoding: 'utf-8',
      address: '0.0.0.0',
      port: 7890,
      backlog: 5,
      reply: 'thank you !',
      count: 2,
      timeoutSeconds: 10,
    });
    expect(code).toContain("tcp_server_socket.bind(('', 7890))");
    expect(code).toContain('tcp_server_socket.listen(5)');
    expect(code).toContain('for i in range(2):');
    expect(code).toContain('new_socket, client_addr = tcp_server_socket.accept()');
    expect(code).toContain('recv_data = new_socket.recv(1024)');
    expect(code).toContain("new_socket.send('thank you !'.encode('utf-8'))");
    expect(code).toContain('setdefaulttimeout(10)');
  });

  it('TCP client: connect, send, ONE recv(1024), print, close, as the course does (no loop to hang in)', () => {
    const code = pythonProgram({
      kind: 'tcp-client',
      encoding: 'utf-8',
      host: '127.0.0.1',
      port: 80,
      text: 'GET',
    });
    expect(code).toContain('tcp_client_socket.connect(server_addr)');
    expect(code).toContain("tcp_client_socket.send(send_data.encode('utf-8'))");
    expect(code.match(/recv\(1024\)/g)).toHaveLength(2); // the comment and the call
    expect(code).toContain('\nrecv_data = tcp_client_socket.recv(1024)\n');
    expect(code).not.toMatch(/while True|for i in range/);
    expect(code.trimEnd().endsWith('tcp_client_socket.close()')).toBe(true);
  });

  it('encodes as the send box does and decodes as the log view shows, and says so', () => {
    const code = pythonProgram({
      kind: 'tcp-client',
      encoding: 'gbk',
      decoding: 'utf-8',
      host: '127.0.0.1',
      port: 80,
      text: '你好 gbk',
    });
    expect(code).toContain("send_data = '你好 gbk'");
    expect(code).toContain("tcp_client_socket.send(send_data.encode('gbk'))");
    expect(code).toContain("print(recv_data.decode('utf-8'))");
    expect(code).toContain("encode('gbk'), the send box's encoding");
    expect(code).toContain(
      "decode('utf-8'): 与工作台日志视图的编码一致 / as the workbench's log view shows them",
    );
  });

  it('sends hex from the send box as a bytes literal, without encode()', () => {
    const code = pythonProgram({
      kind: 'udp',
      encoding: 'utf-8',
      send: { host: '127.0.0.1', port: 9, text: bytes('0103ff27415c') },
    });
    expect(code).toContain("send_data = b'\\x01\\x03\\xff\\'A\\\\'");
    expect(code).toContain('udp_socket.sendto(send_data, dest_addr)');
    const node = nodeProgram({
      kind: 'tcp-client',
      encoding: 'utf-8',
      host: 'h',
      port: 1,
      text: bytes('0103'),
    });
    expect(node).toContain('const sendData = Buffer.from([0x01, 0x03]);');
    expect(node).toContain('tcpClient.write(sendData);');
  });
});

describe('generated Node.js', () => {
  it('uses Buffer for encodings Node knows and iconv-lite for the rest', () => {
    const utf8 = nodeProgram({
      kind: 'tcp-client',
      encoding: 'utf-8',
      host: 'localhost',
      port: 80,
      text: 'a',
    });
    expect(utf8).toContain("require('node:net')");
    expect(utf8).toContain("Buffer.from(sendData, 'utf8')");
    expect(utf8).not.toContain('iconv');
    const gbk = nodeProgram({ kind: 'udp', encoding: 'gbk', bind: { address: '0.0.0.0', port: 7788 } });
    expect(gbk).toContain("require('iconv-lite')");
    expect(gbk).toContain("dgram.createSocket('udp4')");
    expect(gbk).toContain("iconv.decode(recvData, 'gbk')");
  });

  it('is syntactically valid JavaScript for every kind', () => {
    for (const code of [
      nodeProgram({ kind: 'udp', encoding: 'utf-8', send: { host: '127.0.0.1', port: 9, text: "it's\n" } }),
      nodeProgram({
        kind: 'udp',
        encoding: 'big5',
        bind: { address: '::', port: 0 },
        count: 2,
        timeoutSeconds: 3,
      }),
      nodeProgram({
        kind: 'tcp-server',
        encoding: 'utf-8',
        address: '::1',
        port: 0,
        backlog: 1,
        reply: { echo: true },
      }),
      nodeProgram({ kind: 'tcp-client', encoding: 'ascii', host: 'h', port: 1, text: '' }),
      nodeProgram({
        kind: 'tcp-client',
        encoding: 'gbk',
        decoding: 'big5',
        host: 'h',
        port: 1,
        text: bytes('0103'),
      }),
      nodeProgram({
        kind: 'tcp-server',
        encoding: 'utf-8',
        address: '0.0.0.0',
        port: 1,
        backlog: 1,
        reply: bytes('ff00'),
      }),
    ]) {
      // Compiles without running: a syntax error throws here.
      expect(() => new Function('require', code)).not.toThrow();
    }
  });
});

describe('literals', () => {
  it('escape quotes, backslashes and control characters, keep Chinese', () => {
    expect(quote("a'b\\c\r\n\x01温度")).toBe("'a\\'b\\\\c\\r\\n\\x01温度'");
  });
});

describe('specFromSession', () => {
  const base = { id: 's1', createdAt: 0, counters, logSeq: 0 };
  it('takes a bound UDP endpoint’s address and the composer destination', () => {
    const info: SessionInfo = {
      ...base,
      kind: 'udp',
      state: 'bound',
      local: { address: '0.0.0.0', port: 7788, family: 'IPv4' },
    };
    expect(
      specFromSession(info, {
        encoding: 'gbk',
        decoding: 'utf-8',
        text: 'hi',
        destination: { host: '10.0.0.2', port: 8080 },
      }),
    ).toEqual({
      kind: 'udp',
      encoding: 'gbk',
      decoding: 'utf-8',
      bind: { address: '0.0.0.0', port: 7788 },
      send: { host: '10.0.0.2', port: 8080, text: 'hi' },
    });
    expect(
      specFromSession({ ...info, state: 'idle' }, { encoding: 'utf-8', decoding: 'utf-8', text: '' }),
    ).toEqual({
      kind: 'udp',
      encoding: 'utf-8',
      decoding: 'utf-8',
    });
  });

  it('turns a server with echo into an echoing server program', () => {
    const info: SessionInfo = {
      ...base,
      kind: 'tcp-server',
      state: 'listening',
      local: { address: '127.0.0.1', port: 5000, family: 'IPv4' },
      backlog: 16,
      autoReply: { echo: true, encoding: 'utf-8', rules: [] },
    };
    expect(specFromSession(info, { encoding: 'utf-8', decoding: 'utf-8', text: 'x' })).toMatchObject({
      kind: 'tcp-server',
      port: 5000,
      backlog: 16,
      reply: { echo: true },
    });
  });
});
