// V8 flags for the process that owns the sockets: the Electron main process or
// the web shell. Both launchers (scripts/start.mjs) and `npm run bench` use them.
//
// --initial-old-space-size=64: a flood makes Node allocate one ArrayBuffer per
// socket read. With the app's code loaded (about 8.5 MB of old generation) V8
// then started a full mark-compact every 15-20 ms for as long as the flood
// lasted, each freeing almost nothing; a larger starting limit makes it go
// away. Measured with `npm run bench` (row 1, 1 GiB over TCP): 30
// mark-compacts and 0.9 s of CPU in the shell without the flag, none and
// 0.4 s with it. The price: under load the old generation may grow to 64 MB
// before its first full collection; an idle app stays as small as before.
export const ENGINE_V8_FLAGS = ['--initial-old-space-size=64'];
