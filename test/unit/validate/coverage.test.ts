import { describe, expect, it } from 'vitest';
import { BUSY_BUCKET, bucketFor, findGaps } from '../../../electron/core/validate/coverage';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('bucketFor', () => {
  it('is the finest of 1 min, 5 min, 15 min, 1 h, 6 h and 1 day giving at most 744 buckets', () => {
    expect(bucketFor(HOUR)).toBe(MINUTE);
    expect(bucketFor(12 * HOUR)).toBe(MINUTE); // 720 buckets
    expect(bucketFor(744 * MINUTE)).toBe(MINUTE); // exactly 744
    expect(bucketFor(744 * MINUTE + 1)).toBe(5 * MINUTE);
    expect(bucketFor(DAY)).toBe(5 * MINUTE); // 288
    expect(bucketFor(7 * DAY)).toBe(15 * MINUTE); // 672
    expect(bucketFor(30 * DAY)).toBe(HOUR); // 720: a 30-day window still gets hourly buckets
    expect(bucketFor(31 * DAY)).toBe(HOUR); // 744
    expect(bucketFor(32 * DAY)).toBe(6 * HOUR);
    expect(bucketFor(744 * DAY)).toBe(DAY);
  });

  it('beyond 744 days, divides the window into at most 744 buckets', () => {
    const window = 1000 * DAY;
    const bucket = bucketFor(window);
    expect(bucket).toBe(Math.ceil(window / 744));
    expect(Math.ceil(window / bucket)).toBeLessThanOrEqual(744);
  });

  it('a tiny window gets 1-minute buckets', () => {
    expect(bucketFor(1)).toBe(MINUTE);
  });
});

describe('findGaps', () => {
  it('finds a run of empty buckets between two busy ones, as [first, end)', () => {
    expect(findGaps([3, 10, 0, 0, 12, 4])).toEqual([{ first: 2, end: 4 }]);
    expect(findGaps([10, 0, 10, 0, 0, 0, 10])).toEqual([
      { first: 1, end: 2 },
      { first: 3, end: 6 },
    ]);
  });

  it('busy means at least BUSY_BUCKET records on both sides', () => {
    expect(BUSY_BUCKET).toBe(10);
    expect(findGaps([9, 0, 10])).toEqual([]);
    expect(findGaps([10, 0, 9])).toEqual([]);
    expect(findGaps([10, 0, 10])).toEqual([{ first: 1, end: 2 }]);
    expect(findGaps([2, 0, 2], 2)).toEqual([{ first: 1, end: 2 }]);
  });

  it('empty runs at the edges are not gaps (the coverage check looks at edges separately)', () => {
    expect(findGaps([0, 0, 50, 50, 0])).toEqual([]);
    expect(findGaps([0, 0, 0])).toEqual([]);
    expect(findGaps([])).toEqual([]);
    expect(findGaps([50])).toEqual([]);
  });

  it('traffic that fades out and back in (a night) is not a gap', () => {
    expect(findGaps([40, 20, 8, 2, 0, 0, 0, 1, 5, 15, 40])).toEqual([]);
  });

  it('reads typed arrays, as the collector keeps its buckets', () => {
    expect(findGaps(Uint32Array.from([11, 0, 0, 0, 11]))).toEqual([{ first: 1, end: 4 }]);
  });
});
