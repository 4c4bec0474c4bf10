#!/usr/bin/env python3
"""Paced UDP sender for `npm run bench` (the window-open rows, issue 13).

    python3 udp-pace.py --rate N --seconds S [--size 512] HOST:PORT [HOST:PORT ...]

Sends `rate` datagrams per second for `seconds` to every HOST:PORT given (each
datagram goes to all of them, one after the other, so two receivers get the
same flood at the same time), never ahead of rate x elapsed: when it falls
behind (a starved CPU) it catches up in a burst, and the burst is what a
receiver then has to take. Prints, flushed:
    START <epoch ms>                    just before the first datagram
    SENT <per target> <errors> <first epoch ms> <last epoch ms>
where <last epoch ms> is taken right after the last send() returned. A send that fails
(ECONNREFUSED from an earlier ICMP error: nobody bound there) counts as an error.
"""
import argparse
import os
import socket
import threading
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('targets', nargs='+')
    parser.add_argument('--rate', type=float, required=True, help='datagrams per second, per target')
    parser.add_argument('--seconds', type=float, required=True)
    parser.add_argument('--size', type=int, default=512)
    args = parser.parse_args()
    seconds = min(args.seconds, 60)
    # Never outlive the bench: whatever happens, leave soon after the flood's time.
    watchdog = threading.Timer(seconds + 30, os._exit, (3,))
    watchdog.daemon = True
    watchdog.start()

    targets = []
    for t in args.targets:
        host, port = t.rsplit(':', 1)
        targets.append((host.strip('[]'), int(port)))
    # One connect()ed socket per target: send() skips the address lookup sendto() does each time.
    sends = []
    for host, port in targets:
        sock = socket.socket(socket.AF_INET6 if ':' in host else socket.AF_INET, socket.SOCK_DGRAM)
        sock.connect((host, port))
        sends.append(sock.send)
    payload = bytes((i * 31 + 7) & 0xFF for i in range(args.size))
    total = int(args.rate * seconds)
    sent = 0
    errors = 0
    first = time.time() * 1000
    print('START', int(first), flush=True)
    start = time.monotonic()
    while sent < total:
        due = min(total, int((time.monotonic() - start) * args.rate) + 1)
        while sent < due:
            for send in sends:
                try:
                    send(payload)
                except OSError:
                    errors += 1
            sent += 1
        if sent < total:
            # Half a millisecond: bursts of at most 25 datagrams at 50,000/s, and no busy loop.
            time.sleep(0.0005)
    last = time.time() * 1000
    print('SENT', sent, errors, int(first), int(last), flush=True)


if __name__ == '__main__':
    main()
