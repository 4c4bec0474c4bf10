import type { EventBatch } from '../../../src-shared/contract';

/** Under a flood (batches in back-to-back frames), the store is updated at most this often. */
export const FLOOD_GAP_MS = 250;
/** A quiet spell this long ends a flood: the next batch shows at the next frame again. */
const QUIET_MS = 400;
/** A page that draws no frames (hidden) still gets its batches this soon. */
const NO_FRAME_MS = 200;

export interface PacerClock {
  now(): number;
  frame(run: () => void): () => void;
  after(ms: number, run: () => void): () => void;
}

/** The page's frame callbacks (typed here: this module is also compiled for its Node unit test). */
const page = globalThis as unknown as {
  requestAnimationFrame(run: () => void): number;
  cancelAnimationFrame(id: number): void;
};

const browserClock: PacerClock = {
  now: () => performance.now(),
  frame(run) {
    const id = page.requestAnimationFrame(run);
    return () => page.cancelAnimationFrame(id);
  },
  after(ms, run) {
    const id = setTimeout(run, ms);
    return () => clearTimeout(id);
  },
};

/**
 * Main sends a batch every 16 ms while data flows. Applying each one at once
 * would re-render up to that often, and the window would take the cores main
 * needs. The pacer queues batches and applies what has queued in one store
 * update: at the next frame when things are quiet (a single reply shows at
 * once), and no more than every FLOOD_GAP_MS while a flood runs. Events keep
 * their order; nothing is dropped or merged, only applied together.
 */
export class EventPacer {
  private queue: EventBatch = [];
  private cancel: (() => void) | undefined;
  private lastFlush = -Infinity;

  constructor(
    private readonly apply: (batch: EventBatch) => void,
    private readonly clock: PacerClock = browserClock,
  ) {}

  push(batch: EventBatch): void {
    for (const event of batch) this.queue.push(event);
    if (this.cancel) return;
    const since = this.clock.now() - this.lastFlush;
    const wait = since < QUIET_MS ? Math.max(0, FLOOD_GAP_MS - since) : 0;
    if (wait === 0) this.onFrame();
    else this.cancel = this.clock.after(wait, () => this.onFrame());
  }

  /** Apply now whatever has queued (the link is closing, a resync is about to replace it all). */
  flush(): void {
    this.cancel?.();
    this.cancel = undefined;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.lastFlush = this.clock.now();
    this.apply(batch);
  }

  private onFrame(): void {
    let cancelFrame: () => void = () => {};
    let cancelTimer: () => void = () => {};
    const run = (): void => {
      cancelFrame();
      cancelTimer();
      this.flush();
    };
    cancelFrame = this.clock.frame(run);
    cancelTimer = this.clock.after(NO_FRAME_MS, run);
    this.cancel = () => {
      cancelFrame();
      cancelTimer();
    };
  }
}
