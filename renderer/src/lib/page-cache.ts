/**
 * A small least-recently-used cache of fixed-size pages of a long list, as an immutable Map (insertion
 * order is recency: oldest first). Pure functions, so a zustand store can hold it and tests can read it.
 */

/** Pages by index; page `p` holds rows `p × pageSize` … `p × pageSize + pageSize - 1`. */
export type Pages<T> = ReadonlyMap<number, readonly T[]>;

/** The indices of the pages that hold rows [start, end), in order. */
export function pagesCovering(start: number, end: number, pageSize: number): number[] {
  if (end <= start || pageSize <= 0) return [];
  const first = Math.floor(Math.max(0, start) / pageSize);
  const last = Math.floor((end - 1) / pageSize);
  const out: number[] = [];
  for (let p = first; p <= last; p++) out.push(p);
  return out;
}

/** The cache with `indices` (those present) marked as the most recently used, in that order. */
export function touchPages<T>(pages: Pages<T>, indices: readonly number[]): Pages<T> {
  const present = indices.filter((i) => pages.has(i));
  if (present.length === 0) return pages;
  const tail = [...pages.keys()].slice(-present.length);
  if (tail.every((key, k) => key === present[k])) return pages;
  const next = new Map(pages);
  for (const i of present) {
    const rows = next.get(i)!;
    next.delete(i);
    next.set(i, rows);
  }
  return next;
}

/** The cache with page `index` added as the most recently used, and the oldest pages dropped beyond `capacity`. */
export function putPage<T>(pages: Pages<T>, index: number, rows: readonly T[], capacity: number): Pages<T> {
  const next = new Map(pages);
  next.delete(index);
  next.set(index, rows);
  for (const key of next.keys()) {
    if (next.size <= Math.max(1, capacity)) break;
    next.delete(key);
  }
  return next;
}

/** Row `index` of the list, when its page is cached. */
export function rowAt<T>(pages: Pages<T>, index: number, pageSize: number): T | undefined {
  return pages.get(Math.floor(index / pageSize))?.[index % pageSize];
}

/** The pages of [start, end) not cached and not already being fetched. */
export function missingPages<T>(pages: Pages<T>, pending: ReadonlySet<number>, start: number, end: number, pageSize: number): number[] {
  return pagesCovering(start, end, pageSize).filter((p) => !pages.has(p) && !pending.has(p));
}
