/**
 * Keeping what the reader looks at in place while a full ring drops its oldest
 * entries: the scroll position is remembered as "this entry, this many pixels
 * into it", not as pixels, because every eviction shifts all rows up.
 */
export interface ScrollAnchor {
  /** Sequence number of the row at the top of the viewport. */
  seq: number;
  /** How far the viewport's top is below that row's top, in pixels. */
  offset: number;
}

/** The first row whose seq is at least `seq` (rows are in seq order), or `count` when none is. */
export function rowAtOrAfter(count: number, seqAt: (row: number) => number | undefined, seq: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((seqAt(mid) ?? Number.POSITIVE_INFINITY) < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Where to scroll so the anchored entry stays where it was: k rows evicted
 * in front of it move the offset up by k rows. When the entry itself is gone,
 * the top of what is still held (or the row that came after it, when a filter
 * hid it).
 */
export function anchoredOffset(
  anchor: ScrollAnchor,
  count: number,
  seqAt: (row: number) => number | undefined,
  startOf: (row: number) => number,
): number {
  if (count === 0) return 0;
  const row = rowAtOrAfter(count, seqAt, anchor.seq);
  if (row >= count) return startOf(count - 1);
  return startOf(row) + (seqAt(row) === anchor.seq ? anchor.offset : 0);
}
