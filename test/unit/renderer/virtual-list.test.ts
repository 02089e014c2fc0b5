import { describe, expect, it } from 'vitest';
import { contentOffset, MAX_SCROLL_HEIGHT, moveSelection, rowsPerPage, rowTop, scrollTopFor, scrollTopToReveal, sizerHeight, visibleRange, type ListGeometry } from '../../../renderer/src/lib/virtual-list';

const small: ListGeometry = { total: 1000, rowHeight: 32, viewport: 320 };
const huge: ListGeometry = { total: 2_000_000, rowHeight: 32, viewport: 320 };

describe('visibleRange', () => {
  it('shows the rows in view plus the overscan, clamped to the list', () => {
    expect(visibleRange(0, small, 5)).toEqual({ start: 0, end: 15, shift: 0 });
    expect(visibleRange(3200, small, 5)).toEqual({ start: 95, end: 115, shift: 0 });
    // Half a row scrolled: the partly visible row at the bottom is included.
    expect(visibleRange(16, small, 0)).toEqual({ start: 0, end: 11, shift: 0 });
    expect(visibleRange(sizerHeight(small) - 320, small, 5)).toEqual({ start: 985, end: 1000, shift: 0 });
  });

  it('is empty for an empty list and bounded for a short one', () => {
    expect(visibleRange(0, { ...small, total: 0 }, 5)).toEqual({ start: 0, end: 0, shift: 0 });
    expect(visibleRange(0, { ...small, total: 3 }, 5)).toEqual({ start: 0, end: 3, shift: 0 });
    // Scroll positions past the end (a stale one after the list shrank) still give rows.
    expect(visibleRange(1e9, { ...small, total: 3 }, 5)).toEqual({ start: 0, end: 3, shift: 0 });
  });

  it('renders a bounded number of rows however long the list', () => {
    for (const top of [0, 12345, sizerHeight(huge) / 2, sizerHeight(huge) - 320]) {
      const r = visibleRange(top, huge, 6);
      expect(r.end - r.start).toBeLessThanOrEqual(320 / 32 + 1 + 12);
    }
  });
});

describe('scaled scrolling beyond the browser height limit', () => {
  it('caps the sizer and maps the scroll range onto every row', () => {
    expect(sizerHeight(small)).toBe(32_000);
    expect(sizerHeight(huge)).toBe(MAX_SCROLL_HEIGHT);
    const bottom = MAX_SCROLL_HEIGHT - 320;
    expect(contentOffset(0, huge)).toBe(0);
    expect(contentOffset(bottom, huge)).toBe(2_000_000 * 32 - 320);
    const last = visibleRange(bottom, huge, 0);
    expect(last.end).toBe(2_000_000);
    // The last row sits at the bottom of the sizer's visible part.
    expect(rowTop(1_999_999, huge, last.shift) + 32).toBeCloseTo(bottom + 320, 3);
    // The middle of the scroll range is the middle of the rows.
    expect(visibleRange(bottom / 2, huge, 0).start).toBe(Math.floor((2_000_000 * 32 - 320) / 2 / 32));
  });

  it('inverts: scrollTopFor(contentOffset(x)) is x', () => {
    for (const top of [0, 1, 777, 1_234_567, MAX_SCROLL_HEIGHT - 320]) expect(scrollTopFor(contentOffset(top, huge), huge)).toBeCloseTo(top, 6);
    for (const top of [0, 1, 777, 31_680]) expect(scrollTopFor(contentOffset(top, small), small)).toBe(top);
  });
});

describe('keyboard movement', () => {
  it('moves by one, a page and to the ends, and stops there', () => {
    expect(rowsPerPage(small)).toBe(10);
    expect(moveSelection('ArrowDown', 0, small)).toBe(1);
    expect(moveSelection('ArrowUp', 0, small)).toBe(0);
    expect(moveSelection('PageDown', 5, small)).toBe(15);
    expect(moveSelection('PageUp', 5, small)).toBe(0);
    expect(moveSelection('End', 5, small)).toBe(999);
    expect(moveSelection('ArrowDown', 999, small)).toBe(999);
    expect(moveSelection('Home', 500, small)).toBe(0);
    expect(moveSelection('a', 5, small)).toBeNull();
    expect(moveSelection('ArrowDown', 0, { ...small, total: 0 })).toBeNull();
  });

  it('scrolls as little as possible to reveal a row', () => {
    // In view: no scroll.
    expect(scrollTopToReveal(5, 0, small)).toBe(0);
    // Below: the row's bottom meets the viewport's bottom.
    expect(scrollTopToReveal(10, 0, small)).toBe(11 * 32 - 320);
    // Above: the row's top meets the viewport's top.
    expect(scrollTopToReveal(3, 3200, small)).toBe(96);
    // The last row of a huge list: the very bottom.
    expect(scrollTopToReveal(1_999_999, 0, huge)).toBeCloseTo(MAX_SCROLL_HEIGHT - 320, 3);
    const top = scrollTopToReveal(1_000_000, 0, huge);
    const range = visibleRange(top, huge, 0);
    expect(range.start).toBeLessThanOrEqual(1_000_000);
    expect(range.end).toBeGreaterThan(1_000_000);
  });
});
