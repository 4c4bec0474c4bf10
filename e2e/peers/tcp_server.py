"""TCP 服务端 / TCP server: socket -> bind -> listen(128) -> accept -> recv(1024) / send -> close.

    python3 tcp_server.py [--host 127.0.0.1] [--port 0] [--clients N]
                          [--reply HEX | --echo] [--then wait|close|rst] [--on-close HEX] [--timeout S]

Serves N clients one after another, each on the new socket accept() returns.
--then says what to do after the first message was received (and answered):
  wait   keep serving until the client closes (default)
  close  close the connection (orderly: FIN)
  rst    abort it: SO_LINGER with time 0, then close, sends RST instead of FIN
--on-close sends bytes after the client's FIN (recv returned b''), then closes:
the client half-closed, but can still receive.

Prints:
    READY <port>              listening
    ACCEPT <ip> <port>        a client connected: the address accept() returns
    RECV <ip> <port> <hex>    bytes from that client
    TEXT '<text>'             the same bytes decoded
    SENT <ip> <port> <hex>    bytes sent to it
    CLOSED                    recv() returned b'': the client closed its sending side
    RESET                     the client reset the connection (ConnectionResetError)
    CLOSE / RST               we closed / reset the connection
    TIMEOUT                   nothing happened within the timeout
    DONE                      finished
"""
import argparse
import os
import struct
import threading
from socket import *


def serve(new_socket, client_addr, args):
    ip, port = client_addr[:2]
    while True:
        # 接收数据 / recv(1024): up to 1024 bytes of the stream; b'' means the client closed
        try:
            recv_data = new_socket.recv(1024)
        except ConnectionResetError:
            print('RESET', flush=True)
            return
        except timeout:
            print('TIMEOUT', flush=True)
            return

        if not recv_data:
            print('CLOSED', flush=True)
            if args.on_close:
                send_data = bytes.fromhex(args.on_close)
                new_socket.send(send_data)
                print('SENT', ip, port, send_data.hex(), flush=True)
            return

        print('RECV', ip, port, recv_data.hex(), flush=True)
        print('TEXT', repr(recv_data.decode(args.encoding, errors='replace')), flush=True)
        reply = recv_data if args.echo else bytes.fromhex(args.reply) if args.reply else None
        if reply is not None:
            new_socket.send(reply)
            print('SENT', ip, port, reply.hex(), flush=True)

        if args.then == 'close':
            return
        if args.then == 'rst':
            # l_onoff=1, l_linger=0: close() discards the connection with RST
            new_socket.setsockopt(SOL_SOCKET, SO_LINGER, struct.pack('ii', 1, 0))
            new_socket.close()
            print('RST', flush=True)
            return


def main():
    parser = argparse.ArgumentParser()
    # The course writes bind(('', 7890)): all interfaces. Tests stay on loopback.
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=0)
    parser.add_argument('--clients', type=int, default=1, help='clients to serve, one after another')
    parser.add_argument('--reply', help='hex bytes to answer every message with')
    parser.add_argument('--echo', action='store_true', help='send every message back')
    parser.add_argument('--then', choices=['wait', 'close', 'rst'], default='wait')
    parser.add_argument('--on-close', help='hex bytes to send after the client closed its side')
    parser.add_argument('--encoding', default='utf-8')
    parser.add_argument('--timeout', type=float, default=10)
    args = parser.parse_args()
    # Safety net for tests: whatever happens, leave soon after the timeout.
    watchdog = threading.Timer(args.timeout + 1, os._exit, (3,))
    watchdog.daemon = True
    watchdog.start()

    # 1. 创建套接字 / make a TCP socket
    tcp_server_socket = socket(AF_INET6 if ':' in args.host else AF_INET, SOCK_STREAM)
    tcp_server_socket.settimeout(args.timeout)

    # 2. 绑定 / bind; 3. 监听 / listen(128): the socket now only accepts, it never sends
    tcp_server_socket.bind((args.host, args.port))
    tcp_server_socket.listen(128)
    print('READY', tcp_server_socket.getsockname()[1], flush=True)

    for _ in range(args.clients):
        # 4. 等待客户端 / accept(): a NEW socket for this client, and its (ip, port)
        try:
            new_socket, client_addr = tcp_server_socket.accept()
        except timeout:
            print('TIMEOUT', flush=True)
            break
        print('ACCEPT', client_addr[0], client_addr[1], flush=True)
        new_socket.settimeout(args.timeout)
        serve(new_socket, client_addr, args)
        # 5. 关闭为这个客户端服务的套接字 / close the client's socket (FIN, unless it was reset)
        if new_socket.fileno() != -1:
            new_socket.close()
            print('CLOSE', flush=True)

    tcp_server_socket.close()
    print('DONE', flush=True)


if __name__ == '__main__':
    main()
