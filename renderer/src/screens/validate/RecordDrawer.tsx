import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { formatNumber } from '../../../../shared/format';
import type { RecordView } from '../../../../shared/bridge/types';
import { UtcTime } from '../../components/UtcTime';

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** The raw record as stored, or formatted when it is JSON. */
function formatRaw(raw: string, formatted: boolean): string {
  if (!formatted) return raw;
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

/**
 * One record in a side panel (a modal dialog): its fields, and the raw record as the export file had it
 * in a <pre>, over the window (a portal; the app behind it inert). Focus starts on Close and stays inside;
 * Escape closes; the list gives focus back to the row.
 */
export function RecordDrawer({ record, index, total, onClose }: { record: RecordView; index: number; total: number; onClose: () => void }) {
  const panel = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const [formatted, setFormatted] = useState(true);
  useEffect(() => {
    close.current?.focus();
    // The rest of the window is out of reach while the drawer is open (for screen readers' browse mode too).
    const app = document.getElementById('root');
    app?.setAttribute('inert', '');
    return () => app?.removeAttribute('inert');
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !panel.current) return;
    const focusable = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const fields: [string, ReactNode][] = [
    ['Time', record.time ? <UtcTime at={record.time} readable /> : 'none'],
    ['Type', record.type],
    ['Verdict', record.verdict ?? '—'],
    ['Environment', record.environment ?? '—'],
    ['Config version', record.configVersion ?? '—'],
    ['Request ID', record.requestId ? <code>{record.requestId}</code> : '—'],
    ['Escalation ID', record.escalationId ? <code>{record.escalationId}</code> : '—'],
    ['Record ID', record.recordId ? <code>{record.recordId}</code> : '—'],
    ['In the file', `export file #${record.artifactId}, record ${formatNumber(record.recordIndex)}`],
  ];

  return createPortal(
    <div className="val-drawer-layer">
      <div className="val-drawer-backdrop" onClick={onClose} aria-hidden="true" />
      <div ref={panel} role="dialog" aria-modal="true" aria-labelledby="val-drawer-title" className="val-drawer" onKeyDown={onKeyDown} data-testid="record-drawer">
        <div className="val-drawer-head">
          <h2 id="val-drawer-title">
            Record {formatNumber(index + 1)} of {formatNumber(total)}
          </h2>
          <button ref={close} type="button" onClick={onClose}>
            Close
          </button>
        </div>
        <dl className="val-facts">
          {fields.map(([label, value]) => (
            <div key={label} className="val-fact">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <div className="val-section-head">
          <h3 id="val-raw-heading">Raw record</h3>
          <button type="button" aria-pressed={formatted} onClick={() => setFormatted(!formatted)}>
            Formatted
          </button>
        </div>
        <pre className="val-pre val-raw" tabIndex={0} data-testid="raw-record">
          {formatRaw(record.raw, formatted)}
        </pre>
        <p className="hint">Press Escape to close.</p>
      </div>
    </div>,
    document.body,
  );
}
