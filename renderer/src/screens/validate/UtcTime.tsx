import { localTime } from '../../lib/utc';

/** An instant in UTC as the data has it, with the reviewer's local time beside it. */
export function UtcTime({ iso, ms }: { iso?: string; ms?: number }) {
  const at = ms ?? (iso ? Date.parse(iso) : Number.NaN);
  if (!Number.isFinite(at)) return <span>{iso ?? 'unknown'}</span>;
  const utc = iso ?? new Date(at).toISOString();
  return (
    <span className="val-instant">
      <time dateTime={utc}>{utcText(utc)}</time> <span className="val-local">({localTime(at)} local)</span>
    </span>
  );
}

/** `2026-03-20T10:00:00.000Z` as `2026-03-20 10:00:00 UTC` (milliseconds kept when not zero). */
export function utcText(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/u.exec(iso);
  if (!m) return iso;
  const fraction = m[3] && !/^\.0+$/u.test(m[3]) ? m[3] : '';
  return `${m[1]} ${m[2]}${fraction} UTC`;
}
