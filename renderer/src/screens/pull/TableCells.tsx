import { UtcTime } from '../../components/UtcTime';

/** The first characters of a sha256, enough to tell files apart at a glance (the full value is in the title). */
export function ShortSha({ sha256 }: { sha256: string }) {
  return (
    <code title={sha256} className="pull-sha">
      {sha256.slice(0, 12)}…
    </code>
  );
}

/** A moment in UTC with the reviewer's local time beside it; a dash when unknown. */
export function Instant({ iso }: { iso: string | null }) {
  return <UtcTime at={iso} fallback={<span className="muted">—</span>} />;
}

/** The first and last record's times, one above the other (for table cells). */
export function TimeSpan({ from, to }: { from: string | null; to: string | null }) {
  if (from === null && to === null) return <span className="muted">—</span>;
  return (
    <span className="pull-span">
      <Instant iso={from} />
      <span className="muted pull-span-to">to</span>
      <Instant iso={to} />
    </span>
  );
}
