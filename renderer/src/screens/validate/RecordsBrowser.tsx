import { useCallback, useEffect } from 'react';
import { formatNumber, plural } from '../../../../shared/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isFiltered } from '../../lib/record-filters';
import { recordAt, useRecords } from '../../stores/records';
import { RecordDrawer } from './RecordDrawer';
import { RecordFilters } from './RecordFilters';
import { RecordsGrid } from './RecordsGrid';

/** Verdicts offered before a report says which the files hold. */
const COMMON_VERDICTS = ['allow', 'block', 'escalate', 'redact'];

/** Every record in the workspace's cache: filters, the count and query time, the virtualized list and the detail drawer. */
export function RecordsBrowser({ verdicts }: { verdicts: readonly string[] }) {
  const total = useRecords((s) => s.total);
  const lastQuery = useRecords((s) => s.lastQuery);
  const pageError = useRecords((s) => s.pageError);
  const filtered = useRecords((s) => isFiltered(s.query));
  const open = useRecords((s) => s.open);
  const selected = useRecords((s) => s.selected);
  const refresh = useRecords((s) => s.refresh);
  const openRecord = useRecords((s) => s.openRecord);
  const closeRecord = useRecords((s) => s.closeRecord);

  // The cache may have changed since the step was last open (a pull, an import): count again.
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const onOpen = useCallback(
    (index: number) => {
      if (recordAt(useRecords.getState(), index)) openRecord(index);
    },
    [openRecord],
  );
  const onClose = () => {
    const index = useRecords.getState().selected;
    closeRecord();
    // Focus goes back to the row the drawer was opened from (the selected row is always rendered).
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`.val-grid [data-index="${index}"]`)?.focus({ preventScroll: true }));
  };

  const count = total.status === 'ready' ? total.total : null;
  return (
    <section aria-labelledby="val-records-heading" className="val-section" data-testid="records-browser">
      <h2 id="val-records-heading">Records in the cache</h2>
      <RecordFilters verdicts={verdicts.length > 0 ? verdicts : COMMON_VERDICTS} />
      <p className="val-records-status">
        <span aria-live="polite" data-testid="records-count">
          {total.status === 'loading' && 'Counting records…'}
          {count !== null && `${plural(count, 'record')}${filtered ? ` ${count === 1 ? 'matches' : 'match'} the filters` : ''}`}
        </span>
        {lastQuery && (
          <span className="muted" data-testid="query-time">
            {' '}
            · last query took {formatNumber(lastQuery.ms)} ms
          </span>
        )}
      </p>
      {total.status === 'error' && (
        <ErrorAlert className="failure val-problem" title="The records could not be counted." error={total.error} />
      )}
      {pageError && (
        <ErrorAlert className="failure val-problem" title="Some records could not be read." error={pageError} />
      )}
      {count === 0 ? (
        <p className="muted">{filtered ? 'No record matches these filters.' : 'The cache holds no records yet: pull or import exports first.'}</p>
      ) : (
        <>
          <p id="val-grid-keys" className="hint">
            Select a row with a click or the arrow keys (Page Up, Page Down, Home and End jump); Enter or a double click shows the whole record.
          </p>
          <RecordsGrid onOpen={onOpen} describedBy="val-grid-keys" />
        </>
      )}
      {open && <RecordDrawer record={open} index={selected} total={count ?? 0} onClose={onClose} />}
    </section>
  );
}
