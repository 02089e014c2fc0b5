import type { ReactNode } from 'react';
import { localTime, utcInstant, utcText } from '../lib/utc';

/**
 * An instant in UTC, as recorded, with the reviewer's local time beside it. `at` is an RFC 3339 string or
 * ms since the epoch. Shown to the second as the scope writes instants (`2026-03-20T10:00:00Z`), or with
 * `readable` as `2026-03-20 10:00:00 UTC` (milliseconds kept when not zero). What cannot be read as a time
 * is shown as it is, or as `fallback`.
 */
export function UtcTime({ at, readable = false, fallback }: { at: string | number | null; readable?: boolean; fallback?: ReactNode }) {
  const ms = typeof at === 'number' ? at : at === null ? Number.NaN : Date.parse(at);
  if (!Number.isFinite(ms)) return fallback ?? <span>{at}</span>;
  // The attribute keeps the time as recorded.
  const iso = typeof at === 'string' ? at : new Date(ms).toISOString();
  return (
    <span className="utc-time">
      <time dateTime={iso}>{readable ? utcText(iso) : utcInstant(ms)}</time> <span className="local-time">({localTime(ms)} local)</span>
    </span>
  );
}
