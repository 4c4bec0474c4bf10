"""TCP 客户端 / TCP client: socket -> connect -> send -> recv(1024) -> close.

    python3 tcp_client.py HOST PORT [--wait-first] [--send HEX] [--pause S]
                          [--step] [--then wait|close|rst] [--on-close HEX] [--timeout S]

--wait-first receives one message before sending anything (so the server has
surely accepted us before we act).
--pause sleeps S seconds before --then (so the server has surely accepted us
before we reset: a client reset while still in the accept queue is never seen).
--step waits for a line on stdin before --then: the test's word that the server
has accepted us, where a pause could only guess (a busy machine accepts late).
--then says what to do after sending:
  wait   receive until the server closes (default)
  close  close at once (orderly: FIN)
  rst    abort: SO_LINGER with time 0, then close, sends RST instead of FIN
--on-close sends bytes after the server's FIN (recv returned b''), then closes.

Prints:
    REFUSED                   nothing listens there (ConnectionRefusedError)
    RESET                     the connection was reset (ConnectionResetError), even during connect
    LOCAL <ip> <port>         connected; our own address, chosen by the OS
    SENT <ip> <port> <hex>    bytes sent to the server
    RECV <ip> <port> <hex>    bytes from the server
    TEXT '<text>'             the same bytes decoded
    CLOSED                    recv() returned b'': the server closed its sending side
    CLOSE / RST               we closed / reset the connection
    TIMEOUT                   nothing happened within the timeout
    DONE                      finished
"""
import argparse
import os
import struct
import sys
import threading
import time
from socket import *


def receive(tcp_socket, args):
    """recv(1024) once and print what happened: the bytes, b'' if the server closed, None on error."""
    try:
        recv_data = tcp_socket.recv(1024)
    except ConnectionResetError:
        print('RESET', flush=True)
        return None
    except timeout:
        print('TIMEOUT', flush=True)
        return None
    if recv_data:
        print('RECV', args.host, args.port, recv_data.hex(), flush=True)
        print('TEXT', repr(recv_data.decode(args.encoding, errors='replace')), flush=True)
    else:
        print('CLOSED', flush=True)
    return recv_data


def send(tcp_socket, args, send_data):
    tcp_socket.send(send_data)
    print('SENT', args.host, args.port, send_data.hex(), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('host')
    parser.add_argument('port', type=int)
    parser.add_argument('--wait-first', action='store_true', help='receive once before sending')
    parser.add_argument('--send', help='hex bytes to send once connected')
    parser.add_argument('--pause', type=float, default=0, help='seconds to sleep before --then')
    parser.add_argument('--step', action='store_true', help='wait for a line on stdin before --then')
    parser.add_argument('--then', choices=['wait', 'close', 'rst'], default='wait')
    parser.add_argument('--on-close', help='hex bytes to send after the server closed its side')
    parser.add_argument('--encoding', default='utf-8')
    parser.add_argument('--timeout', type=float, default=10)
    args = parser.parse_args()
    # Safety net for tests: whatever happens, leave soon after the timeout.
    watchdog = threading.Timer(args.timeout + 1, os._exit, (3,))
    watchdog.daemon = True
    watchdog.start()

    # 1. 创建套接字 / make a TCP socket
    tcp_socket = socket(AF_INET6 if ':' in args.host else AF_INET, SOCK_STREAM)
    tcp_socket.settimeout(args.timeout)

    # 2. 连接服务器 / connect: the three-way handshake; the OS picks our port
    try:
        tcp_socket.connect((args.host, args.port))
    except ConnectionRefusedError:
        print('REFUSED', flush=True)  # nothing listens there: the SYN was answered with RST
        tcp_socket.close()
        print('DONE', flush=True)
        return
    except ConnectionResetError:
        print('RESET', flush=True)  # the server accepted, then reset us before connect() returned
        tcp_socket.close()
        print('DONE', flush=True)
        return
    my_ip, my_port = tcp_socket.getsockname()[:2]
    print('LOCAL', my_ip, my_port, flush=True)

    open_ = True
    if args.wait_first:
        open_ = bool(receive(tcp_socket, args))

    # 3. 发送数据 / send
    if open_ and args.send:
        send(tcp_socket, args, bytes.fromhex(args.send))

    if args.pause:
        time.sleep(args.pause)
    if args.step:
        sys.stdin.readline()

    if open_ and args.then == 'rst':
        # l_onoff=1, l_linger=0: close() discards the connection with RST
        tcp_socket.setsockopt(SOL_SOCKET, SO_LINGER, struct.pack('ii', 1, 0))
        tcp_socket.close()
        print('RST', flush=True)
        print('DONE', flush=True)
        return

    # 4. 接收数据 / recv(1024) until the server closes: b'' means it sent FIN
    while open_ and args.then == 'wait':
        recv_data = receive(tcp_socket, args)
        if recv_data == b'' and args.on_close:
            send(tcp_socket, args, bytes.fromhex(args.on_close))
        open_ = bool(recv_data)

    # 5. 关闭套接字 / close (FIN)
    tcp_socket.close()
    print('CLOSE', flush=True)
    print('DONE', flush=True)


if __name__ == '__main__':
    main()
