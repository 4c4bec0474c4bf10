"""TCP 服务端，发送大量数据后关闭或复位 / TCP server that sends a lot, then closes or resets.

    python3 tcp_blast.py [--host 127.0.0.1] [--port 0] [--clients N] [--bytes N]
                         [--after-fin] [--then close|rst] [--timeout S]

Serves N clients one after another: accept(), (with --after-fin: wait until
recv() returns b'', the client's FIN), sendall() the bytes, then
  close  close the connection (orderly: FIN after the data)
  rst    SO_LINGER with time 0, then close: RST, and whatever the kernel has
         not sent yet is thrown away
Sending megabytes makes the RST arrive while the client's receive queue may
still hold unread data: the case where a reset is easily mistaken for a FIN.

Prints:
    READY <port>              listening
    ACCEPT <ip> <port>        a client connected
    CLOSED                    recv() returned b'': the client closed its sending side
    SENT <n>                  sendall() returned: n bytes handed to the kernel
    RESET                     the client reset the connection first
    CLOSE / RST               we closed / reset the connection
    TIMEOUT                   nothing happened within the timeout
    DONE                      finished
"""
import argparse
import os
import struct
import threading
from socket import *


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=0)
    parser.add_argument('--clients', type=int, default=1, help='clients to serve, one after another')
    parser.add_argument('--bytes', type=int, default=10 * 1024 * 1024)
    parser.add_argument('--after-fin', action='store_true', help="send only after the client's FIN")
    parser.add_argument('--then', choices=['close', 'rst'], default='rst')
    parser.add_argument('--timeout', type=float, default=10)
    args = parser.parse_args()
    # Safety net for tests: leave soon after the timeout per client, whatever happens.
    watchdog = threading.Timer(args.timeout * max(args.clients, 1) + 1, os._exit, (3,))
    watchdog.daemon = True
    watchdog.start()

    tcp_server_socket = socket(AF_INET6 if ':' in args.host else AF_INET, SOCK_STREAM)
    tcp_server_socket.settimeout(args.timeout)
    tcp_server_socket.bind((args.host, args.port))
    tcp_server_socket.listen(128)
    print('READY', tcp_server_socket.getsockname()[1], flush=True)

    payload = bytes(range(256)) * (args.bytes // 256) + bytes(args.bytes % 256)
    for _ in range(args.clients):
        try:
            new_socket, client_addr = tcp_server_socket.accept()
        except timeout:
            print('TIMEOUT', flush=True)
            break
        print('ACCEPT', client_addr[0], client_addr[1], flush=True)
        new_socket.settimeout(args.timeout)
        try:
            while args.after_fin:
                if not new_socket.recv(65536):
                    print('CLOSED', flush=True)
                    break
            new_socket.sendall(payload)
        except (ConnectionResetError, BrokenPipeError):
            print('RESET', flush=True)
            new_socket.close()
            continue
        except timeout:
            print('TIMEOUT', flush=True)
            new_socket.close()
            continue
        print('SENT', len(payload), flush=True)
        if args.then == 'rst':
            # l_onoff=1, l_linger=0: close() sends RST instead of FIN
            new_socket.setsockopt(SOL_SOCKET, SO_LINGER, struct.pack('ii', 1, 0))
            new_socket.close()
            print('RST', flush=True)
        else:
            new_socket.close()
            print('CLOSE', flush=True)

    tcp_server_socket.close()
    print('DONE', flush=True)


if __name__ == '__main__':
    main()
