"""TCP 接收端 / TCP sink: socket -> bind -> listen(128) -> accept -> recv(65536) until b'' -> print totals -> close.

    python3 tcp_sink.py [--host 127.0.0.1] [--port 0] [--bytes N] [--timeout S]

Reads one client's whole stream, until it closes (recv returns b'') or --bytes
have arrived. Prints:
    READY <port>            listening
    ACCEPT <ip> <port>      the client
    PROGRESS <bytes>        every MiB
    BYTES <n>               everything received
    SHA256 <hex>            SHA-256 of the stream
    DONE                    finished
"""
import argparse
import hashlib
import os
import threading
from socket import *


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=0)
    parser.add_argument('--bytes', type=int, default=0, help='stop after this many bytes (0 = until the client closes)')
    parser.add_argument('--timeout', type=float, default=15)
    args = parser.parse_args()
    watchdog = threading.Timer(args.timeout + 5, os._exit, (3,))
    watchdog.daemon = True
    watchdog.start()

    # 1. 创建套接字 / socket; 2. bind; 3. listen(128)
    server = socket(AF_INET6 if ':' in args.host else AF_INET, SOCK_STREAM)
    server.bind((args.host, args.port))
    server.listen(128)
    server.settimeout(args.timeout)
    print('READY', server.getsockname()[1], flush=True)

    # 4. accept(): a new socket for this client
    new_socket, client_addr = server.accept()
    print('ACCEPT', client_addr[0], client_addr[1], flush=True)
    new_socket.settimeout(args.timeout)
    digest = hashlib.sha256()
    total = 0
    next_mark = 1 << 20
    while args.bytes == 0 or total < args.bytes:
        # 5. recv: a stream has no messages; b'' means the client closed
        try:
            recv_data = new_socket.recv(65536)
        except timeout:
            print('TIMEOUT', flush=True)
            break
        if not recv_data:
            break
        digest.update(recv_data)
        total += len(recv_data)
        if total >= next_mark:
            print('PROGRESS', total, flush=True)
            next_mark += 1 << 20

    print('BYTES', total, flush=True)
    print('SHA256', digest.hexdigest(), flush=True)
    # 6. 关闭 / close
    new_socket.close()
    server.close()
    print('DONE', flush=True)


if __name__ == '__main__':
    main()
