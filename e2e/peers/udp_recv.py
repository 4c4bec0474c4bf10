"""UDP 接收端 / UDP receiver: socket -> bind -> recvfrom(1024) [-> sendto reply] -> close.

    python3 udp_recv.py [--host 127.0.0.1] [--port 0] [--count N] [--reply HEX | --echo] [--timeout S]

Port 0 lets the OS choose a free port; READY says which. Prints:
    READY <port>              bound, waiting for datagrams
    RECV <ip> <port> <hex>    a datagram and its sender (the tuple recvfrom returns)
    TEXT '<text>'             the same bytes decoded
    SENT <ip> <port> <hex>    a reply went back to the sender
    TIMEOUT                   nothing arrived within the timeout
    DONE                      finished
"""
import argparse
import os
import threading
from socket import *


def main():
    parser = argparse.ArgumentParser()
    # The course writes bind(('', 7788)): all interfaces. Tests stay on loopback.
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=0)
    parser.add_argument('--count', type=int, default=1, help='datagrams to receive')
    parser.add_argument('--reply', help='hex bytes to send back to every sender')
    parser.add_argument('--echo', action='store_true', help='send every datagram back')
    parser.add_argument('--encoding', default='utf-8')
    parser.add_argument('--timeout', type=float, default=10)
    args = parser.parse_args()
    # Safety net for tests: whatever happens, leave soon after the timeout.
    watchdog = threading.Timer(args.timeout + 1, os._exit, (3,))
    watchdog.daemon = True
    watchdog.start()

    # 1. 创建套接字 / make a UDP socket
    udp_socket = socket(AF_INET6 if ':' in args.host else AF_INET, SOCK_DGRAM)
    udp_socket.settimeout(args.timeout)

    # 2. 绑定本地信息 / bind: a receiver needs a known port
    udp_socket.bind((args.host, args.port))
    print('READY', udp_socket.getsockname()[1], flush=True)

    for _ in range(args.count):
        # 3. 接收数据 / recvfrom(1024): at most 1024 bytes, one datagram
        try:
            recv_data, sender_addr = udp_socket.recvfrom(1024)
        except timeout:
            print('TIMEOUT', flush=True)
            break
        ip, port = sender_addr[:2]  # IPv6 addresses come as (ip, port, flowinfo, scope_id)
        print('RECV', ip, port, recv_data.hex(), flush=True)
        print('TEXT', repr(recv_data.decode(args.encoding, errors='replace')), flush=True)

        # 4. 回复 / reply to the (ip, port) the datagram came from
        reply = recv_data if args.echo else bytes.fromhex(args.reply) if args.reply else None
        if reply is not None:
            udp_socket.sendto(reply, (ip, port))
            print('SENT', ip, port, reply.hex(), flush=True)

    # 5. 关闭套接字 / close
    udp_socket.close()
    print('DONE', flush=True)


if __name__ == '__main__':
    main()
