"""UDP 发送端 / UDP sender: socket -> sendto -> recvfrom(1024) -> close.

    python3 udp_send.py HOST PORT MESSAGE_HEX [--count N] [--replies N] [--timeout S]

Prints one line per event (flushed at once, so a test can follow along):
    SENT <ip> <port> <hex>    a datagram went to (ip, port)
    LOCAL <ip> <port>         our own address, which the OS chose on the first sendto
    RECV <ip> <port> <hex>    a reply and who sent it (the tuple recvfrom returns)
    TEXT '<text>'             the same reply decoded, as the course prints it
    TIMEOUT                   no reply within the timeout
    DONE                      finished
"""
import argparse
import os
import threading
from socket import *


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('host')
    parser.add_argument('port', type=int)
    parser.add_argument('message_hex')
    parser.add_argument('--count', type=int, default=1, help='datagrams to send')
    parser.add_argument('--replies', type=int, default=1, help='replies to wait for')
    parser.add_argument('--encoding', default='utf-8')
    parser.add_argument('--timeout', type=float, default=10)
    args = parser.parse_args()
    # Safety net for tests: whatever happens, leave soon after the timeout.
    watchdog = threading.Timer(args.timeout + 1, os._exit, (3,))
    watchdog.daemon = True
    watchdog.start()

    # 1. 创建套接字 / make a UDP socket (IPv6 when the host is like ::1)
    udp_socket = socket(AF_INET6 if ':' in args.host else AF_INET, SOCK_DGRAM)
    udp_socket.settimeout(args.timeout)

    # 2. 发送数据 / send; no bind() needed: the OS picks a free port now
    send_data = bytes.fromhex(args.message_hex)
    for _ in range(args.count):
        udp_socket.sendto(send_data, (args.host, args.port))
        print('SENT', args.host, args.port, send_data.hex(), flush=True)

    my_ip, my_port = udp_socket.getsockname()[:2]
    print('LOCAL', my_ip, my_port, flush=True)

    # 3. 接收回复 / wait for replies: recvfrom(1024) gives (bytes, (ip, port))
    for _ in range(args.replies):
        try:
            recv_data, sender_addr = udp_socket.recvfrom(1024)
        except timeout:
            print('TIMEOUT', flush=True)
            break
        ip, port = sender_addr[:2]  # IPv6 addresses come as (ip, port, flowinfo, scope_id)
        print('RECV', ip, port, recv_data.hex(), flush=True)
        print('TEXT', repr(recv_data.decode(args.encoding, errors='replace')), flush=True)

    # 4. 关闭套接字 / close
    udp_socket.close()
    print('DONE', flush=True)


if __name__ == '__main__':
    main()
