"""UDP 计数接收端 / UDP counter: socket -> bind -> recvfrom(65535) in a loop -> print totals -> close.

    python3 udp_count.py [--host 127.0.0.1] [--port 0] [--count N] [--idle S] [--timeout S] [--print]

Counts datagrams and bytes until N have arrived, or nothing arrived for --idle
seconds after the first one. Prints:
    READY <port>              bound, waiting
    RECV <ip> <port> <hex>    each datagram (only with --print)
    COUNT <datagrams> <bytes> the totals
    SHA256 <hex>              SHA-256 of every datagram's bytes joined in arrival order
    DONE                      finished
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
    parser.add_argument('--count', type=int, default=0, help='stop after this many datagrams (0 = until idle)')
    parser.add_argument('--idle', type=float, default=1.0, help='seconds of silence that end the count')
    parser.add_argument('--timeout', type=float, default=10, help='wait this long for the first datagram')
    parser.add_argument('--print', action='store_true', help='print every datagram')
    args = parser.parse_args()
    watchdog = threading.Timer(args.timeout + 30, os._exit, (3,))
    watchdog.daemon = True
    watchdog.start()

    # 1. 创建套接字 / make a UDP socket
    udp_socket = socket(AF_INET6 if ':' in args.host else AF_INET, SOCK_DGRAM)
    # A bigger receive buffer: a 1 ms sender must not lose datagrams while Python prints.
    udp_socket.setsockopt(SOL_SOCKET, SO_RCVBUF, 4 * 1024 * 1024)
    # 2. 绑定 / bind
    udp_socket.bind((args.host, args.port))
    print('READY', udp_socket.getsockname()[1], flush=True)

    udp_socket.settimeout(args.timeout)
    datagrams = 0
    total = 0
    digest = hashlib.sha256()
    while args.count == 0 or datagrams < args.count:
        # 3. 接收 / recvfrom: one datagram per call, whatever its size
        try:
            recv_data, sender_addr = udp_socket.recvfrom(65535)
        except timeout:
            break
        datagrams += 1
        total += len(recv_data)
        digest.update(recv_data)
        if args.print:
            print('RECV', sender_addr[0], sender_addr[1], recv_data.hex(), flush=True)
        udp_socket.settimeout(args.idle)

    print('COUNT', datagrams, total, flush=True)
    print('SHA256', digest.hexdigest(), flush=True)
    # 4. 关闭 / close
    udp_socket.close()
    print('DONE', flush=True)


if __name__ == '__main__':
    main()
