#!/usr/bin/env node
/* global process, console, Buffer, setTimeout, setImmediate */
// A peer that floods: connects (TCP) or sends (UDP) to host:port as fast as the
// socket takes data, for at most --seconds and at most --bytes, optionally paced
// to --rate bytes per second, then prints what it sent and exits. --min-bytes N
// goes on past --seconds until N bytes are sent (within 60 s): a slow reader on
// a busy machine takes bigger reads, so an amount, not a time, makes "many reads".
//   node flood.mjs tcp 127.0.0.1 7788 --seconds 3 [--bytes N] [--min-bytes N] [--chunk 65536] [--rate B/s]
//   node flood.mjs udp 127.0.0.1 7788 --seconds 3 [--count N] [--chunk 512]
// Output: "LOCAL ip port" once connected, then "SENT bytes messages" at the end.
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';

const [proto, host, portText, ...rest] = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? Number(rest[i + 1]) : fallback;
};
const port = Number(portText);
const seconds = Math.min(opt('seconds', 3), 60);
const maxBytes = opt('bytes', Number.MAX_SAFE_INTEGER);
const minBytes = opt('min-bytes', 0);
const maxCount = opt('count', Number.MAX_SAFE_INTEGER);
const rate = opt('rate', 0);
const chunkSize = opt('chunk', proto === 'udp' ? 512 : 65536);
const chunk = Buffer.alloc(chunkSize);
for (let i = 0; i < chunk.length; i += 1) chunk[i] = (i * 31 + 7) & 0xff;
const started = Date.now();
const deadline = started + seconds * 1000;
const hardDeadline = started + 60_000;
// TCP: on until --seconds have passed and --min-bytes are sent, never past 60 s.
const flooding = () => {
  const now = Date.now();
  return now < hardDeadline && (now < deadline || bytes < minBytes);
};
let bytes = 0;
let messages = 0;

// Paced: never ahead of rate × elapsed.
const allowed = () => (rate > 0 ? Math.min(maxBytes, ((Date.now() - started) / 1000) * rate) : maxBytes);

if (proto === 'tcp') {
  const socket = connect({ host, port }, () => {
    console.log(`LOCAL ${socket.localAddress} ${socket.localPort}`);
    pump();
  });
  socket.setNoDelay(true);
  const finish = () => {
    socket.end(() => {
      console.log(`SENT ${bytes} ${messages}`);
      socket.destroy();
    });
  };
  const pump = () => {
    while (flooding() && bytes < maxBytes) {
      const room = Math.min(chunk.length, maxBytes - bytes, Math.floor(allowed() - bytes));
      if (room <= 0) return void setTimeout(pump, 2);
      const piece = room === chunk.length ? chunk : chunk.subarray(0, room);
      bytes += piece.length;
      messages += 1;
      if (!socket.write(piece)) return void socket.once('drain', pump);
    }
    finish();
  };
  socket.on('error', (err) => {
    console.log(`ERROR ${err.code ?? err.message}`);
    process.exit(1);
  });
} else {
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  socket.bind(0, () => {
    console.log(`LOCAL ${socket.address().address} ${socket.address().port}`);
    const send = () => {
      // A burst per tick, then yield: the callback-free send keeps the loop tight but bounded.
      let burst = 64;
      while (burst-- > 0 && Date.now() < deadline && messages < maxCount && bytes < maxBytes) {
        if (rate > 0 && bytes + chunk.length > allowed()) break;
        socket.send(chunk, port, host);
        bytes += chunk.length;
        messages += 1;
      }
      if (Date.now() < deadline && messages < maxCount && bytes < maxBytes) setImmediate(send);
      else {
        console.log(`SENT ${bytes} ${messages}`);
        // Closing while sends are still queued (an address lookup, then libuv's queue) would cancel
        // them: wait a turn of the loop, then until the queue is empty.
        const close = () => (socket.getSendQueueCount() > 0 ? setTimeout(close, 1) : socket.close());
        setImmediate(close);
      }
    };
    send();
  });
}
