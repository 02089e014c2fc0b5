import { describe, expect, it } from 'vitest';
import { missingPages, pagesCovering, putPage, rowAt, touchPages, type Pages } from '../../../renderer/src/lib/page-cache';

const page = (p: number) => Array.from({ length: 10 }, (_, i) => `row ${p * 10 + i}`);

describe('the page cache', () => {
  it('names the pages covering a range of rows', () => {
    expect(pagesCovering(0, 10, 10)).toEqual([0]);
    expect(pagesCovering(5, 25, 10)).toEqual([0, 1, 2]);
    expect(pagesCovering(20, 21, 10)).toEqual([2]);
    expect(pagesCovering(7, 7, 10)).toEqual([]);
  });

  it('finds rows by index in their page', () => {
    let pages: Pages<string> = new Map();
    pages = putPage(pages, 3, page(3), 5);
    expect(rowAt(pages, 34, 10)).toBe('row 34');
    expect(rowAt(pages, 44, 10)).toBeUndefined();
  });

  it('drops the least recently used pages beyond its capacity', () => {
    let pages: Pages<string> = new Map();
    for (const p of [0, 1, 2]) pages = putPage(pages, p, page(p), 3);
    pages = touchPages(pages, [0]);
    pages = putPage(pages, 3, page(3), 3);
    expect([...pages.keys()]).toEqual([2, 0, 3]);
    // Putting a page again refreshes it rather than duplicating it.
    pages = putPage(pages, 2, page(2), 3);
    expect([...pages.keys()]).toEqual([0, 3, 2]);
  });

  it('does not copy when touching what is already the most recent, and never changes its input', () => {
    let pages: Pages<string> = new Map();
    for (const p of [0, 1]) pages = putPage(pages, p, page(p), 5);
    expect(touchPages(pages, [1])).toBe(pages);
    expect(touchPages(pages, [7])).toBe(pages);
    const before = [...pages.keys()];
    const touched = touchPages(pages, [0]);
    expect([...touched.keys()]).toEqual([1, 0]);
    expect([...pages.keys()]).toEqual(before);
  });

  it('lists the pages still to fetch: neither cached nor on their way', () => {
    let pages: Pages<string> = new Map();
    pages = putPage(pages, 1, page(1), 5);
    expect(missingPages(pages, new Set([2]), 0, 40, 10)).toEqual([0, 3]);
  });
});
