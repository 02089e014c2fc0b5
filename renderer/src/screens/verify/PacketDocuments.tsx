import { useState } from 'react';
import type { VerificationView } from '../../../../shared/bridge/types';
import { PACKET_REPORT_PATH } from '../../../../shared/domain';

type Shown = 'none' | 'note' | 'report';


/**
 * The packet's own note and report, read inside the app. The note is shown as text (never rendered as
 * Markdown or HTML); the report in a frame with every sandbox restriction, served by the host under the
 * report's own CSP. Each is offered only when its bytes are the ones the manifest lists.
 */
export function PacketDocuments({ result }: { result: VerificationView }) {
  const [shown, setShown] = useState<Shown>('none');
  if (result.note === null && result.reportId === null) return null;
  const toggle = (which: Shown) => setShown((current) => (current === which ? 'none' : which));
  return (
    <section className="packet-documents" aria-labelledby="packet-documents-heading">
      <h2 id="packet-documents-heading">What the packet says</h2>
      {result.status === 'invalid' && (
        <p className="verify-caution">
          This packet is invalid. These files match the manifest, but the packet as a whole cannot be relied on.
        </p>
      )}
      <div className="verify-actions">
        {result.note !== null && (
          <button type="button" aria-expanded={shown === 'note'} aria-controls="packet-note" onClick={() => toggle('note')}>
            {shown === 'note' ? 'Hide the note (NOTE.md)' : 'Read the note (NOTE.md)'}
          </button>
        )}
        {result.reportId !== null && (
          <button type="button" aria-expanded={shown === 'report'} aria-controls="packet-report" onClick={() => toggle('report')}>
            {shown === 'report' ? 'Hide the report (report.html)' : 'Open the report (report.html)'}
          </button>
        )}
      </div>
      {shown === 'note' && result.note !== null && (
        <pre id="packet-note" className="packet-note" tabIndex={0} aria-label="NOTE.md from the packet">
          {result.note}
        </pre>
      )}
      {shown === 'report' && result.reportId !== null && (
        <iframe
          id="packet-report"
          className="packet-report"
          title="report.html from the packet"
          sandbox=""
          referrerPolicy="no-referrer"
          src={`${PACKET_REPORT_PATH}${encodeURIComponent(result.reportId)}`}
        />
      )}
    </section>
  );
}
