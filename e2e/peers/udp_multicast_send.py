"""UDP 组播发送端 / UDP multicast sender: socket -> setsockopt(IP_MULTICAST_IF, TTL) -> sendto(group).

    python3 udp_multicast_send.py GROUP PORT INTERFACE_IP MESSAGE_HEX [--count N] [--interval S] [--timeout S]

A multicast datagram leaves through one interface (IP_MULTICAST_IF) with a
TTL of 1, so it never passes a router: the tests use it only on interfaces
they made themselves. Prints:
    LOCAL <ip> <port>         our own address
    SENT <group> <port> <hex> one datagram sent to the group
    DONE                      finished
"""
import argparse
import os
import threading
import time
from socket import *


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('group')
    parser.add_argument('port', type=int)
    parser.add_argument('interface')
    parser.add_argument('message_hex')
    parser.add_argument('--count', type=int, default=1)
    parser.add_argument('--interval', type=float, default=0.2)
    parser.add_argument('--timeout', type=float, default=10)
    args = parser.parse_args()
    watchdog = threading.Timer(args.timeout + 1, os._exit, (3,))
    watchdog.daemon = True
    watchdog.start()

    # 1. 创建套接字 / make a UDP socket
    udp_socket = socket(AF_INET, SOCK_DGRAM)
    # 2. 选择出口网卡并限制 TTL / leave through this interface, go no further than one hop
    udp_socket.setsockopt(IPPROTO_IP, IP_MULTICAST_IF, inet_aton(args.interface))
    udp_socket.setsockopt(IPPROTO_IP, IP_MULTICAST_TTL, 1)
    udp_socket.bind((args.interface, 0))
    print('LOCAL', *udp_socket.getsockname()[:2], flush=True)

    # 3. 发送到组播组 / sendto the group: everyone who joined it receives a copy
    message = bytes.fromhex(args.message_hex)
    for _ in range(args.count):
        udp_socket.sendto(message, (args.group, args.port))
        print('SENT', args.group, args.port, message.hex(), flush=True)
        time.sleep(args.interval)

    # 4. 关闭套接字 / close
    udp_socket.close()
    print('DONE', flush=True)


if __name__ == '__main__':
    main()
