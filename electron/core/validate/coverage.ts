const MINUTE = 60_000;
const BUCKETS = [MINUTE, 5 * MINUTE, 15 * MINUTE, 60 * MINUTE, 6 * 60 * MINUTE, 24 * 60 * MINUTE];
/** At most this many buckets: a 30-day window still gets hourly ones. */
const MAX_BUCKETS = 744;
/** A bucket next to a gap is busy when it holds at least this many records: an empty neighbour is then no accident (P < 0.01% for Poisson traffic). */
export const BUSY_BUCKET = 10;

/** The bucket for a window: the finest of 1 min, 5 min, 15 min, 1 h, 6 h, 1 day that gives at most 744 buckets. */
export function bucketFor(windowMs: number): number {
  return BUCKETS.find((size) => windowMs / size <= MAX_BUCKETS) ?? Math.ceil(windowMs / MAX_BUCKETS);
}

/** A run of empty buckets, [first, end) in bucket indexes. */
export interface GapRun {
  first: number;
  end: number;
}

/**
 * Runs of empty buckets inside the data whose neighbours on both sides are busy: traffic was flowing
 * before and after, so the silence is worth a reviewer's question. Quiet periods that fade in and out
 * (nights, weekends) are not gaps.
 */
export function findGaps(counts: ArrayLike<number>, busy = BUSY_BUCKET): GapRun[] {
  const gaps: GapRun[] = [];
  let i = 0;
  while (i < counts.length) {
    if (counts[i] !== 0) {
      i++;
      continue;
    }
    const first = i;
    while (i < counts.length && counts[i] === 0) i++;
    if (first > 0 && i < counts.length && counts[first - 1]! >= busy && counts[i]! >= busy) gaps.push({ first, end: i });
  }
  return gaps;
}

/** The gaps of a window's buckets as instants, [from, to), the last one cut at the window's end. */
export function gapIntervals(counts: ArrayLike<number>, window: { from: number; to: number; bucketMs: number }): { from: string; to: string; buckets: number }[] {
  const at = (bucket: number) => new Date(Math.min(window.to, window.from + bucket * window.bucketMs)).toISOString();
  return findGaps(counts).map((g) => ({ from: at(g.first), to: at(g.end), buckets: g.end - g.first }));
}
