import { create } from 'zustand';
import type { RecordView } from '../../../shared/bridge/types';
import type { BridgeError } from '../../../shared/result';
import { callBridge } from '../lib/bridge-call';
import { debounce } from '../lib/debounce';
import { missingPages, pagesCovering, putPage, rowAt, touchPages, type Pages } from '../lib/page-cache';
import { emptyFilterDraft, queryKey, toRecordQuery, type FilterDraft, type FilterField, type FilterProblems, type RecordQuery } from '../lib/record-filters';

export type { FilterDraft, FilterField, FilterProblems, RecordQuery } from '../lib/record-filters';

/** Rows per queryRecords call. */
export const PAGE_SIZE = 200;
/** Pages kept in memory (least recently used dropped first): 5,000 rows. */
export const PAGE_CAPACITY = 25;
/** How long typing in a filter must pause before the list is queried again (ms). */
export const FILTER_DELAY_MS = 300;
/** How long scrolling must pause before missing pages are fetched (ms). */
export const SCROLL_DELAY_MS = 60;

/** How many records match the filters. */
export type TotalState = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; total: number } | { status: 'error'; error: BridgeError };

/** How long the last bridge query took, and which one it was. */
export interface QueryTiming {
  what: 'count' | 'page';
  ms: number;
}

/** The records browser over the cache: the filters as typed and as applied, the count, the cached pages, the selected row and the open record. */
export interface RecordsState {
  draft: FilterDraft;
  problems: FilterProblems;
  /** The filters the list shows (the draft once it was applied without problems). */
  query: RecordQuery;
  /** Bumped whenever the list starts again (new filters, refresh): answers for an older generation are dropped. */
  generation: number;
  total: TotalState;
  pages: Pages<RecordView>;
  /** Pages being fetched for this generation. */
  pending: ReadonlySet<number>;
  /** Why the last page could not be fetched. */
  pageError: BridgeError | null;
  lastQuery: QueryTiming | null;
  /** The selected row's index in the list. */
  selected: number;
  /** The record shown in the detail drawer. */
  open: RecordView | null;
}

export interface RecordsActions {
  /** Starts the list again with the applied filters (after a pull or import, say). */
  refresh(): Promise<void>;
  /** Changes one filter field; the list follows after a pause in typing (at once for the verdict). */
  setFilter(field: FilterField, value: string): void;
  /** Applies the filters as typed now, without waiting. */
  applyFilters(): Promise<void>;
  clearFilters(): Promise<void>;
  /** The rows on screen: missing pages are fetched once scrolling pauses. */
  showRange(start: number, end: number): void;
  /** Fetches the missing pages of rows [start, end) now. */
  loadRange(start: number, end: number): Promise<void>;
  select(index: number): void;
  /** Opens the detail drawer on row `index`, when it is loaded. */
  openRecord(index: number): void;
  closeRecord(): void;
  reset(): void;
}

/** The state a fresh window starts with (also used by tests). */
export function emptyRecordsState(): RecordsState {
  return {
    draft: emptyFilterDraft(),
    problems: {},
    query: {},
    generation: 0,
    total: { status: 'idle' },
    pages: new Map(),
    pending: new Set(),
    pageError: null,
    lastQuery: null,
    selected: 0,
    open: null,
  };
}

/** The row at `index` of the list, when its page is loaded. */
export function recordAt(state: Pick<RecordsState, 'pages'>, index: number): RecordView | undefined {
  return rowAt(state.pages, index, PAGE_SIZE);
}

const without = (set: ReadonlySet<number>, value: number) => {
  const next = new Set(set);
  next.delete(value);
  return next;
};

/** Generations count up across resets too, so an answer from before a reset is never taken for a new one. */
let generations = 0;

export const useRecords = create<RecordsState & RecordsActions>()((set, get) => {
  const count = async (generation: number, query: RecordQuery) => {
    const started = performance.now();
    const answer = await callBridge((bridge) => bridge.countRecords(query));
    if (get().generation !== generation) return;
    const lastQuery: QueryTiming = { what: 'count', ms: Math.round(performance.now() - started) };
    if (!answer.ok) return set({ total: { status: 'error', error: answer.error }, lastQuery });
    const total = answer.value.total;
    set((s) => ({ total: { status: 'ready', total }, lastQuery, selected: Math.min(s.selected, Math.max(0, total - 1)) }));
  };

  const fetchPage = async (generation: number, page: number) => {
    const { query } = get();
    set((s) => ({ pending: new Set(s.pending).add(page) }));
    const started = performance.now();
    const answer = await callBridge((bridge) => bridge.queryRecords({ ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE }));
    // Filters changed while this was on its way: the answer is for a list no longer on screen.
    if (get().generation !== generation) return;
    const lastQuery: QueryTiming = { what: 'page', ms: Math.round(performance.now() - started) };
    if (!answer.ok) return set((s) => ({ pending: without(s.pending, page), pageError: answer.error, lastQuery }));
    set((s) => ({ pending: without(s.pending, page), pages: putPage(s.pages, page, answer.value.records, PAGE_CAPACITY), pageError: null, lastQuery }));
  };

  /** Starts the list again for the applied query: a new generation, nothing cached, counted again. */
  const restart = async () => {
    const generation = ++generations;
    set({ generation, total: { status: 'loading' }, pages: new Map(), pending: new Set(), pageError: null, selected: 0 });
    await Promise.all([count(generation, get().query), fetchPage(generation, 0)]);
  };

  const apply = async () => {
    const parsed = toRecordQuery(get().draft);
    if (!parsed.ok) return set({ problems: parsed.problems });
    const unchanged = queryKey(parsed.query) === queryKey(get().query);
    set({ problems: {}, query: parsed.query });
    if (!unchanged || get().total.status === 'error' || get().total.status === 'idle') await restart();
  };
  const applyLater = debounce(() => void apply(), FILTER_DELAY_MS);
  const loadLater = debounce((start: number, end: number) => void get().loadRange(start, end), SCROLL_DELAY_MS);

  return {
    ...emptyRecordsState(),

    refresh: () => restart(),

    setFilter: (field, value) => {
      set((s) => {
        const problems = { ...s.problems };
        delete problems[field];
        return { draft: { ...s.draft, [field]: value }, problems };
      });
      if (field === 'verdict') {
        applyLater.cancel();
        void apply();
      } else applyLater();
    },

    applyFilters: () => {
      applyLater.cancel();
      return apply();
    },

    clearFilters: () => {
      applyLater.cancel();
      set({ draft: emptyFilterDraft(), problems: {} });
      return apply();
    },

    showRange: (start, end) => {
      // Pages already cached become the most recently used now, so they survive the next fetches.
      set((s) => {
        const pages = touchPages(s.pages, pagesCovering(start, end, PAGE_SIZE));
        return pages === s.pages ? s : { pages };
      });
      if (missingPages(get().pages, get().pending, start, end, PAGE_SIZE).length > 0) loadLater(start, end);
    },

    loadRange: async (start, end) => {
      const { generation } = get();
      const total = get().total;
      const last = total.status === 'ready' ? Math.min(end, total.total) : end;
      await Promise.all(missingPages(get().pages, get().pending, start, last, PAGE_SIZE).map((page) => fetchPage(generation, page)));
    },

    select: (index) => set({ selected: Math.max(0, index) }),

    openRecord: (index) => {
      const record = recordAt(get(), index);
      if (record) set({ selected: index, open: record });
    },

    closeRecord: () => set({ open: null }),

    reset: () => {
      applyLater.cancel();
      loadLater.cancel();
      set(emptyRecordsState());
    },
  };
});
