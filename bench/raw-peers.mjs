#!/usr/bin/env node
/* global process, console, setTimeout */
// Raw baselines for `npm run bench`: plain Node servers with nothing but the socket.
//   raw-peers.mjs tcp-count <bytes>   listen on 127.0.0.1:0, print "PORT p", then "DONE" once <bytes> arrived
//   raw-peers.mjs udp-count [rcvbuf]  bind 127.0.0.1:0 (asking SO_RCVBUF rcvbuf bytes if given), print
//                                     "PORT p RCVBUF granted"; on stdin "report" print "COUNT n bytes"
//   raw-peers.mjs tcp-echo            listen on 127.0.0.1:0, echo everything
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

const [mode, arg] = process.argv.slice(2);
// Never outlive the bench.
setTimeout(() => process.exit(2), 240_000).unref();

if (mode === 'tcp-count') {
  const target = Number(arg);
  let bytes = 0;
  const server = createServer((socket) => {
    socket.on('data', (chunk) => {
      bytes += chunk.length;
      if (bytes >= target) {
        console.log(`DONE ${bytes}`);
        bytes = -Infinity;
      }
    });
    socket.on('error', () => {});
  });
  server.listen(0, '127.0.0.1', () => console.log(`PORT ${server.address().port}`));
} else if (mode === 'udp-count') {
  let count = 0;
  let bytes = 0;
  // rcvbuf: the window rows give it the receive buffer the workbench's socket asks for, so both
  // receivers differ in their code path only.
  const socket = createSocket({ type: 'udp4', ...(arg ? { recvBufferSize: Number(arg) } : {}) });
  socket.on('message', (msg) => {
    count += 1;
    bytes += msg.length;
  });
  socket.bind(0, '127.0.0.1', () =>
    console.log(`PORT ${socket.address().port} RCVBUF ${socket.getRecvBufferSize()}`),
  );
  process.stdin.on('data', () => console.log(`COUNT ${count} ${bytes}`));
} else if (mode === 'tcp-echo') {
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => socket.write(chunk));
    socket.on('error', () => {});
  });
  server.listen(0, '127.0.0.1', () => console.log(`PORT ${server.address().port}`));
}
