/** Microseconds since the Unix epoch, from the monotonic high-resolution clock. */
const origin = performance.timeOrigin;

export function nowMicros(): number {
  // timeOrigin + now() in ms keeps sub-µs precision; × 1000 stays below 2^53 for millennia.
  return Math.round((origin + performance.now()) * 1000);
}
