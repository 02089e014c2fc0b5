import { localTime, utcInstant } from '../../lib/utc';

/** An instant in UTC (as recorded) with the reviewer's local time beside it; used by the Note, Packet and History steps. */
export function UtcTime({ at }: { at: string }) {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return <span>{at}</span>;
  // Shown to the second, as the scope writes instants; the attribute keeps the time as recorded.
  return (
    <span className="utc-time">
      <time dateTime={at}>{utcInstant(ms)}</time> <span className="local-time">({localTime(ms)} local)</span>
    </span>
  );
}
