import { describe, expect, it } from 'vitest';
import type { EngineEvent, EventBatch } from '../../src-shared/contract';
import { EventPacer, FLOOD_GAP_MS, type PacerClock } from '../../src-renderer/src/app/event-pacer';

/** A clock the test moves by hand: frames and timers run when it says. */
class HandClock implements PacerClock {
  t = 0;
  private frames: (() => void)[] = [];
  private timers: { at: number; run: () => void }[] = [];
  now = (): number => this.t;
  frame = (run: () => void): (() => void) => {
    this.frames.push(run);
    return () => (this.frames = this.frames.filter((f) => f !== run));
  };
  after = (ms: number, run: () => void): (() => void) => {
    const timer = { at: this.t + ms, run };
    this.timers.push(timer);
    return () => (this.timers = this.timers.filter((x) => x !== timer));
  };
  /** Time passes; due timers run; a frame is drawn every 16 ms when `frames` is on. */
  advance(ms: number, frames = true): void {
    const end = this.t + ms;
    while (this.t < end) {
      this.t = Math.min(end, this.t + 16);
      for (const timer of this.timers.filter((x) => x.at <= this.t)) {
        this.timers = this.timers.filter((x) => x !== timer);
        timer.run();
      }
      if (frames) {
        const due = this.frames;
        this.frames = [];
        for (const run of due) run();
      }
    }
  }
}

const step = (n: number): EngineEvent => ({ type: 'timeline', sessionId: 's1', t: n, step: 'bind' });

function setup() {
  const clock = new HandClock();
  const applied: EventBatch[] = [];
  const pacer = new EventPacer((batch) => applied.push(batch), clock);
  return { clock, applied, pacer };
}

describe('EventPacer', () => {
  it('a batch after a quiet spell is applied at the next frame', () => {
    const { clock, applied, pacer } = setup();
    pacer.push([step(1)]);
    expect(applied).toEqual([]);
    clock.advance(16);
    expect(applied).toEqual([[step(1)]]);
  });

  it('under a flood, applies at most once per FLOOD_GAP_MS, in order, losing nothing', () => {
    const { clock, applied, pacer } = setup();
    let n = 0;
    // Main's batcher: one batch every 16 ms for two seconds.
    for (let t = 0; t < 2000; t += 16) {
      pacer.push([step(++n), step(++n)]);
      clock.advance(16);
    }
    clock.advance(FLOOD_GAP_MS * 3);
    const all = applied.flat();
    expect(all.map((e) => (e.type === 'timeline' ? e.t : 0))).toEqual(
      Array.from({ length: n }, (_, i) => i + 1),
    );
    // 2 s of flood at one update per FLOOD_GAP_MS (plus the first), not one per batch (125).
    expect(applied.length).toBeLessThanOrEqual(2000 / FLOOD_GAP_MS + 2);
    expect(applied.length).toBeGreaterThanOrEqual(2000 / FLOOD_GAP_MS - 2);
  });

  it('a page that draws no frames (hidden) still gets its batches', () => {
    const { clock, applied, pacer } = setup();
    pacer.push([step(1)]);
    clock.advance(500, false);
    expect(applied).toEqual([[step(1)]]);
  });

  it('flush() applies what waits at once (before a resync replaces it)', () => {
    const { applied, pacer } = setup();
    pacer.push([step(1)]);
    pacer.push([step(2)]);
    pacer.flush();
    expect(applied).toEqual([[step(1), step(2)]]);
  });
});
