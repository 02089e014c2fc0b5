import type { CustodyEntryView } from '../../../../shared/bridge/types';
import { UtcTime } from '../../components/UtcTime';

/** A custody entry's subject as `key: value` pairs (values that are not text shown as JSON). */
function Subject({ subject }: { subject: Record<string, unknown> }) {
  const entries = Object.entries(subject);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="custody-subject">
      {entries.map(([key, value]) => (
        <li key={key}>
          <span className="subject-key">{key}:</span> <code>{typeof value === 'string' ? value : JSON.stringify(value)}</code>
        </li>
      ))}
    </ul>
  );
}

/** A packet's custody entries, oldest first. */
export function CustodyEntries({ entries, caption }: { entries: CustodyEntryView[]; caption: string }) {
  if (entries.length === 0) return <p className="muted">No custody entries are recorded for this packet.</p>;
  return (
    <table className="custody-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="numeric nowrap">
            Seq
          </th>
          <th scope="col">Time</th>
          <th scope="col">Action</th>
          <th scope="col">Actor</th>
          <th scope="col">Subject</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.seq}>
            <td className="numeric">{entry.seq}</td>
            <td>
              <UtcTime at={entry.at} />
            </td>
            <td className="nowrap">{entry.action}</td>
            <td>{entry.actor}</td>
            <td>
              <Subject subject={entry.subject} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
