/**
 * The arithmetic of a virtualized list with fixed-height rows: which rows a scroll position shows, where
 * each row goes, and how far to scroll to bring one into view. Pure, so it is tested without a DOM.
 *
 * Browsers cap an element's height (Chromium near 33.5 million px). A list taller than
 * `MAX_SCROLL_HEIGHT` gets a sizer of that height, and scroll positions are mapped proportionally onto
 * the rows: a million rows still scroll from the first to the last.
 */

/** The tallest sizer the list makes; beyond it, scrolling is scaled onto the rows. */
export const MAX_SCROLL_HEIGHT = 30_000_000;

/** The list's shape: how many rows, how tall each is, and how tall the visible part is (px). */
export interface ListGeometry {
  total: number;
  rowHeight: number;
  viewport: number;
}

/** Rows [start, end) to render, and how far each row is shifted up from `index × rowHeight` in the sizer. */
export interface VisibleRange {
  start: number;
  end: number;
  shift: number;
}

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

/** The height of every row together (px). */
export function contentHeight(g: ListGeometry): number {
  return Math.max(0, g.total) * g.rowHeight;
}

/** The height the sizer element gets: the rows' height, capped. */
export function sizerHeight(g: ListGeometry): number {
  return Math.min(contentHeight(g), MAX_SCROLL_HEIGHT);
}

/** The offset into the rows (px) shown at the top of the viewport for a scroll position. */
export function contentOffset(scrollTop: number, g: ListGeometry): number {
  const content = contentHeight(g);
  const sizer = sizerHeight(g);
  const maxScroll = sizer - g.viewport;
  if (maxScroll <= 0) return 0;
  const top = clamp(scrollTop, 0, maxScroll);
  return content === sizer ? top : (top * (content - g.viewport)) / maxScroll;
}

/** The scroll position that shows the rows from `offset` (px) at the top: the inverse of contentOffset. */
export function scrollTopFor(offset: number, g: ListGeometry): number {
  const content = contentHeight(g);
  const sizer = sizerHeight(g);
  const maxContent = content - g.viewport;
  if (maxContent <= 0) return 0;
  const target = clamp(offset, 0, maxContent);
  return content === sizer ? target : (target * (sizer - g.viewport)) / maxContent;
}

/** The rows a scroll position shows, with `overscan` more on each side, clamped to the list. */
export function visibleRange(scrollTop: number, g: ListGeometry, overscan = 0): VisibleRange {
  if (g.total <= 0 || g.rowHeight <= 0) return { start: 0, end: 0, shift: 0 };
  const offset = contentOffset(scrollTop, g);
  const first = Math.floor(offset / g.rowHeight);
  const last = Math.ceil((offset + Math.max(g.viewport, 0)) / g.rowHeight);
  return {
    start: clamp(first - overscan, 0, g.total),
    end: clamp(Math.max(last, first + 1) + overscan, 0, g.total),
    shift: offset - clamp(scrollTop, 0, Math.max(0, sizerHeight(g) - g.viewport)),
  };
}

/** Where row `index` sits in the sizer (px from its top), for a given range's shift. */
export function rowTop(index: number, g: ListGeometry, shift: number): number {
  return index * g.rowHeight - shift;
}

/** The scroll position that brings row `index` fully into view, moving as little as possible (the same position when it already is). */
export function scrollTopToReveal(index: number, scrollTop: number, g: ListGeometry): number {
  const offset = contentOffset(scrollTop, g);
  const top = index * g.rowHeight;
  const bottom = top + g.rowHeight;
  if (top < offset) return scrollTopFor(top, g);
  if (bottom > offset + g.viewport) return scrollTopFor(bottom - g.viewport, g);
  return scrollTop;
}

/** How many whole rows fit in the viewport (at least one): the step of PageUp and PageDown. */
export function rowsPerPage(g: ListGeometry): number {
  return Math.max(1, Math.floor(g.viewport / g.rowHeight));
}

/**
 * The row a key moves the selection to (ArrowUp/Down one row, PageUp/Down a viewport, Home/End the
 * ends), clamped to the list; null for keys the list does not handle.
 */
export function moveSelection(key: string, current: number, g: ListGeometry): number | null {
  if (g.total <= 0) return null;
  const last = g.total - 1;
  const page = rowsPerPage(g);
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1, 0, last);
    case 'ArrowUp':
      return clamp(current - 1, 0, last);
    case 'PageDown':
      return clamp(current + page, 0, last);
    case 'PageUp':
      return clamp(current - page, 0, last);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
