"""TLS 客户端 / TLS client: socket -> connect -> wrap_socket (handshake) -> send -> recv -> close.

    python3 tls_client.py HOST PORT [--cafile PEM] [--servername NAME] [--send HEX] [--timeout S]

--cafile trusts that certificate (e.g. a server's self-signed one) instead of
the system's CAs; without it the certificate is not checked (CERT_NONE), as a
test client often does.
--servername is the SNI sent and the name checked (default: localhost).

Prints:
    LOCAL <ip> <port>         connected (TCP); our own address, chosen by the OS
    TLS <version> <cipher>    the handshake finished
    SSLERROR <reason>         the handshake failed (ssl.SSLError)
    SENT <ip> <port> <hex>    bytes sent to the server (over TLS)
    RECV <ip> <port> <hex>    bytes from the server (decrypted)
    CLOSED                    recv() returned b'': the server closed
    TIMEOUT                   nothing happened within the timeout
    DONE                      finished
"""
import argparse
import os
import ssl
import threading
from socket import *


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('host')
    parser.add_argument('port', type=int)
    parser.add_argument('--cafile', help='PEM file of the CA (or self-signed certificate) to trust')
    parser.add_argument('--servername', default='localhost')
    parser.add_argument('--send', help='hex bytes to send once the handshake is done')
    parser.add_argument('--timeout', type=float, default=10)
    args = parser.parse_args()
    # Safety net for tests: whatever happens, leave soon after the timeout.
    watchdog = threading.Timer(args.timeout + 1, os._exit, (3,))
    watchdog.daemon = True
    watchdog.start()

    # 1. TLS 上下文 / the TLS context: whom we trust
    if args.cafile:
        context = ssl.create_default_context(cafile=args.cafile)
    else:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE

    # 2. 创建套接字并连接 / make a TCP socket and connect
    tcp_socket = socket(AF_INET6 if ':' in args.host else AF_INET, SOCK_STREAM)
    tcp_socket.settimeout(args.timeout)
    tcp_socket.connect((args.host, args.port))
    my_ip, my_port = tcp_socket.getsockname()[:2]
    print('LOCAL', my_ip, my_port, flush=True)

    # 3. TLS 握手 / the handshake: wrap_socket sends the ClientHello
    try:
        tls_socket = context.wrap_socket(tcp_socket, server_hostname=args.servername)
    except ssl.SSLError as e:
        print('SSLERROR', e.reason, flush=True)
        tcp_socket.close()
        print('DONE', flush=True)
        return
    print('TLS', tls_socket.version(), tls_socket.cipher()[0], flush=True)

    # 4. 发送数据 / send (encrypted on the wire)
    if args.send:
        send_data = bytes.fromhex(args.send)
        tls_socket.send(send_data)
        print('SENT', args.host, args.port, send_data.hex(), flush=True)

    # 5. 接收数据 / recv until the server closes
    while True:
        try:
            recv_data = tls_socket.recv(1024)
        except timeout:
            print('TIMEOUT', flush=True)
            break
        if not recv_data:
            print('CLOSED', flush=True)
            break
        print('RECV', args.host, args.port, recv_data.hex(), flush=True)

    # 6. 关闭 / close
    tls_socket.close()
    print('DONE', flush=True)


if __name__ == '__main__':
    main()
