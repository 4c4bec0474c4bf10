"""TCP 客户端，逐字节发送 / TCP client that sends one byte per send() call.

    python3 tcp_trickle.py HOST PORT MESSAGE_HEX [--pause S] [--step] [--timeout S]

TCP is a byte stream: recv() on the other side returns whatever has arrived,
so a two-byte GBK character sent one byte at a time may well be read in two
pieces. This peer makes that happen on purpose: it sends every byte on its
own, with a pause between them, so each one is a separate read. A pause is a
guess a busy machine can beat (the reader wakes late and gets two bytes at
once); with --step the peer sends the next byte only when a line arrives on
stdin: the test's word that the reader has had the one before.

Prints:
    REFUSED                   nothing listens there (ConnectionRefusedError)
    LOCAL <ip> <port>         connected; our own address, chosen by the OS
    SENT <ip> <port> <hex>    one byte sent
    CLOSE                     we closed the connection (FIN)
    DONE                      finished
"""
import argparse
import os
import sys
import threading
import time
from socket import *


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('host')
    parser.add_argument('port', type=int)
    parser.add_argument('message_hex')
    parser.add_argument('--pause', type=float, default=0.05, help='seconds between two bytes')
    parser.add_argument('--linger', type=float, default=1, help='seconds to stay connected after the last byte')
    parser.add_argument('--step', action='store_true', help='before each byte after the first, wait for a line on stdin')
    parser.add_argument('--timeout', type=float, default=10)
    args = parser.parse_args()
    # Safety net for tests: whatever happens, leave soon after the timeout.
    watchdog = threading.Timer(args.timeout + 1, os._exit, (3,))
    watchdog.daemon = True
    watchdog.start()

    # 1. 创建套接字 / make a TCP socket
    tcp_socket = socket(AF_INET6 if ':' in args.host else AF_INET, SOCK_STREAM)
    tcp_socket.settimeout(args.timeout)
    # Nagle's algorithm would gather the small writes into one segment; turn it off.
    tcp_socket.setsockopt(IPPROTO_TCP, TCP_NODELAY, 1)

    # 2. 连接服务器 / connect
    try:
        tcp_socket.connect((args.host, args.port))
    except ConnectionRefusedError:
        print('REFUSED', flush=True)
        print('DONE', flush=True)
        return
    my_ip, my_port = tcp_socket.getsockname()[:2]
    print('LOCAL', my_ip, my_port, flush=True)

    # 3. 逐字节发送 / send the message one byte per send()
    for i, byte in enumerate(bytes.fromhex(args.message_hex)):
        if args.step and i > 0:
            sys.stdin.readline()
        send_data = bytes([byte])
        tcp_socket.send(send_data)
        print('SENT', args.host, args.port, send_data.hex(), flush=True)
        time.sleep(args.pause)

    # 4. 关闭套接字 / close (FIN), after giving the reader time to look
    time.sleep(args.linger)
    tcp_socket.close()
    print('CLOSE', flush=True)
    print('DONE', flush=True)


if __name__ == '__main__':
    main()
