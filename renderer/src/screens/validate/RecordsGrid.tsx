import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { RecordView } from '../../../../shared/bridge/types';
import { moveSelection, rowTop, scrollTopToReveal, sizerHeight, visibleRange, type ListGeometry } from '../../lib/virtual-list';
import { recordAt, useRecords } from '../../stores/records';

/** Every row is this tall (px); the CSS says the same (.val-row). */
export const ROW_HEIGHT = 32;
/** Rows rendered above and below the visible ones, so a short scroll shows no blank. */
export const OVERSCAN = 6;
/** The body's height before it can be measured (and in a DOM without layout). */
const FALLBACK_VIEWPORT = 12 * ROW_HEIGHT;

const COLUMNS = ['Time (UTC)', 'Type', 'Verdict', 'Environment', 'Config version', 'Request ID', 'Escalation ID'] as const;

/** `2026-03-20T10:00:05.250Z` as `2026-03-20 10:00:05.250`. */
const timeCell = (time: string | null) => (time ? time.replace('T', ' ').replace(/Z$/u, '') : '—');

function Cells({ record }: { record: RecordView }) {
  const values = [timeCell(record.time), record.type, record.verdict, record.environment, record.configVersion, record.requestId, record.escalationId];
  return (
    <>
      {values.map((value, i) => (
        <div role="gridcell" key={i} className="val-cell" title={value ?? undefined}>
          {value ?? '—'}
        </div>
      ))}
    </>
  );
}

/**
 * The cached records as a virtualized grid: a sizer as tall as every row together (capped; see
 * virtual-list.ts), and only the rows in view (plus a few) in the DOM, placed with transforms. The
 * selected row is always rendered and is the one tab stop; arrow keys, PageUp/PageDown and Home/End move
 * it, Enter opens it. aria-rowcount and aria-rowindex tell screen readers how long the list is.
 */
export function RecordsGrid({ onOpen, describedBy }: { onOpen: (index: number) => void; describedBy?: string }) {
  const total = useRecords((s) => (s.total.status === 'ready' ? s.total.total : 0));
  const pages = useRecords((s) => s.pages);
  const selected = useRecords((s) => s.selected);
  const generation = useRecords((s) => s.generation);
  const select = useRecords((s) => s.select);
  const showRange = useRecords((s) => s.showRange);
  const grid = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT);
  const focusSelected = useRef(false);

  useLayoutEffect(() => {
    const el = grid.current;
    if (!el) return;
    const measure = () => {
      const body = el.clientHeight - (head.current?.offsetHeight ?? 0);
      if (body > 0) setViewport(body);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A new list (other filters) starts at the top.
  useLayoutEffect(() => {
    if (grid.current) grid.current.scrollTop = 0;
    setScrollTop(0);
  }, [generation]);

  const g: ListGeometry = { total, rowHeight: ROW_HEIGHT, viewport };
  const range = visibleRange(scrollTop, g, OVERSCAN);

  useEffect(() => {
    if (range.end > range.start) showRange(range.start, range.end);
  }, [range.start, range.end, generation, showRange]);

  useLayoutEffect(() => {
    if (!focusSelected.current) return;
    focusSelected.current = false;
    grid.current?.querySelector<HTMLElement>(`[data-index="${selected}"]`)?.focus({ preventScroll: true });
  }, [selected]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target instanceof HTMLElement && event.target.getAttribute('role') !== 'row') return;
    if (event.key === 'Enter') {
      event.preventDefault();
      onOpen(selected);
      return;
    }
    const next = moveSelection(event.key, selected, g);
    if (next === null) return;
    event.preventDefault();
    const el = grid.current;
    if (el) {
      const top = scrollTopToReveal(next, el.scrollTop, g);
      if (top !== el.scrollTop) el.scrollTop = top;
      setScrollTop(el.scrollTop);
    }
    focusSelected.current = true;
    select(next);
  };

  const indices: number[] = [];
  for (let i = range.start; i < range.end; i++) indices.push(i);
  if (total > 0 && (selected < range.start || selected >= range.end)) indices.push(selected);

  return (
    <div
      ref={grid}
      role="grid"
      aria-label="Cached records"
      aria-describedby={describedBy}
      aria-rowcount={total + 1}
      aria-colcount={COLUMNS.length}
      aria-readonly="true"
      className="val-grid"
      data-testid="records-grid"
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="val-grid-head" ref={head}>
        <div role="row" aria-rowindex={1} className="val-row val-row-head">
          {COLUMNS.map((c) => (
            <div role="columnheader" key={c} className="val-cell">
              {c}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="val-grid-body" style={{ height: `${sizerHeight(g)}px` }}>
        {indices.map((i) => {
          const record = recordAt({ pages }, i);
          return (
            <div
              key={i}
              role="row"
              aria-rowindex={i + 2}
              aria-selected={i === selected}
              tabIndex={i === selected ? 0 : -1}
              data-index={i}
              className={i === selected ? 'val-row is-selected' : 'val-row'}
              style={{ transform: `translateY(${rowTop(i, g, range.shift)}px)` }}
              onClick={() => select(i)}
              onDoubleClick={() => onOpen(i)}
            >
              {record ? (
                <Cells record={record} />
              ) : (
                <div role="gridcell" aria-colspan={COLUMNS.length} className="val-cell val-cell-loading">
                  Loading row {i + 1}…
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
