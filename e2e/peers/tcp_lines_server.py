"""TCP 服务端，分几次 send() 发送 / TCP server that answers a request with several send() calls.

    python3 tcp_lines_server.py [--host 127.0.0.1] [--port 0] [--send HEX ...] [--pause S]
                                [--step] [--encoding utf-8] [--timeout S]

TCP is a byte stream: the number of send() calls on one side says nothing
about the number of recv() results on the other. By default this server
answers with three lines in ONE send() and then one line in THREE send()
calls, with a pause between them:

    send(b'one\\ntwo\\nthree\\n')
    send(b'line '); send(b'fo'); send(b'ur\\n')

so the client reads the first three lines as one chunk and the fourth in
three. Each --send HEX replaces the defaults and is one send() call. With
--step, each send() after the first also waits for a line on stdin: the test's
word that the client has read the one before (a busy client may wake late).

socket -> bind -> listen(128) -> accept -> recv(1024) -> send ... -> recv until b'' -> close

Prints:
    READY <port>              listening
    ACCEPT <ip> <port>        a client connected: the address accept() returns
    RECV <ip> <port> <hex>    bytes from that client (its request, then anything else)
    TEXT '<text>'             the same bytes decoded
    SENT <ip> <port> <hex>    one send() call
    CLOSED                    recv() returned b'': the client closed its sending side
    RESET                     the client reset the connection (ConnectionResetError)
    CLOSE                     we closed the connection
    TIMEOUT                   nothing happened within the timeout
    DONE                      finished
"""
import argparse
import os
import sys
import threading
import time
from socket import *

DEFAULT_WRITES = [b'one\ntwo\nthree\n', b'line ', b'fo', b'ur\n']


def receive(new_socket, ip, port, args):
    """recv(1024) once: the bytes, b'' if the client closed, None on error or timeout."""
    try:
        recv_data = new_socket.recv(1024)
    except ConnectionResetError:
        print('RESET', flush=True)
        return None
    except timeout:
        print('TIMEOUT', flush=True)
        return None
    if recv_data:
        print('RECV', ip, port, recv_data.hex(), flush=True)
        print('TEXT', repr(recv_data.decode(args.encoding, errors='replace')), flush=True)
    else:
        print('CLOSED', flush=True)
    return recv_data


def main():
    parser = argparse.ArgumentParser()
    # The course writes bind(('', 7890)): all interfaces. Tests stay on loopback.
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=0)
    parser.add_argument('--send', action='append', help='hex bytes for one send() call (repeatable)')
    parser.add_argument('--pause', type=float, default=0.3, help='seconds between two send() calls')
    parser.add_argument('--encoding', default='utf-8')
    parser.add_argument('--step', action='store_true', help='before each send() after the first, wait for a line on stdin')
    parser.add_argument('--timeout', type=float, default=10)
    args = parser.parse_args()
    writes = [bytes.fromhex(h) for h in args.send] if args.send else DEFAULT_WRITES
    # Safety net for tests: whatever happens, leave soon after the timeout.
    watchdog = threading.Timer(args.timeout + 1, os._exit, (3,))
    watchdog.daemon = True
    watchdog.start()

    # 1. 创建套接字 / make a TCP socket
    tcp_server_socket = socket(AF_INET6 if ':' in args.host else AF_INET, SOCK_STREAM)
    tcp_server_socket.settimeout(args.timeout)

    # 2. 绑定 / bind; 3. 监听 / listen(128)
    tcp_server_socket.bind((args.host, args.port))
    tcp_server_socket.listen(128)
    print('READY', tcp_server_socket.getsockname()[1], flush=True)

    # 4. 等待客户端 / accept(): a NEW socket for this client, and its (ip, port)
    try:
        new_socket, client_addr = tcp_server_socket.accept()
    except timeout:
        print('TIMEOUT', flush=True)
        tcp_server_socket.close()
        print('DONE', flush=True)
        return
    ip, port = client_addr[:2]
    print('ACCEPT', ip, port, flush=True)
    new_socket.settimeout(args.timeout)
    # Nagle's algorithm would gather the small writes into one segment; turn it off,
    # so every send() leaves at once and the pauses decide how the client reads them.
    new_socket.setsockopt(IPPROTO_TCP, TCP_NODELAY, 1)

    # 5. 等待请求 / wait for the client's request, then answer with several send() calls
    open_ = bool(receive(new_socket, ip, port, args))
    for i, send_data in enumerate(writes if open_ else []):
        if i > 0:
            # --step: the test's word that the client has read what came before; a pause
            # alone is a guess a busy machine can beat (the client reads two sends at once).
            if args.step:
                sys.stdin.readline()
            time.sleep(args.pause)
        new_socket.send(send_data)
        print('SENT', ip, port, send_data.hex(), flush=True)

    # 6. 接收直到客户端关闭 / recv until the client closes: b'' means it sent FIN
    while open_:
        open_ = bool(receive(new_socket, ip, port, args))

    # 7. 关闭套接字 / close
    new_socket.close()
    print('CLOSE', flush=True)
    tcp_server_socket.close()
    print('DONE', flush=True)


if __name__ == '__main__':
    main()
