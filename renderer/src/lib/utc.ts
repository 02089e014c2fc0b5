/** A moment as the review scope writes it: RFC 3339 UTC to the second, e.g. `2026-03-20T10:00:00Z`. */
export function utcInstant(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/u, 'Z');
}

/** `2026-03-20T10:00:00.000Z` as `2026-03-20 10:00:00 UTC` (milliseconds kept when not zero); anything else as it is. */
export function utcText(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/u.exec(iso);
  if (!m) return iso;
  const fraction = m[3] && !/^\.0+$/u.test(m[3]) ? m[3] : '';
  return `${m[1]} ${m[2]}${fraction} UTC`;
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/u;

/**
 * A `datetime-local` input's value read as UTC (the form says so), in ms; null when empty or not a real
 * date (e.g. February 30).
 */
export function parseUtcInput(value: string): number | null {
  const m = LOCAL_INPUT.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return ms;
}

/** The `datetime-local` value (UTC, to the second) for an instant. */
export function toUtcInput(ms: number): string {
  return utcInstant(ms).slice(0, 19);
}

/** The same moment in the reviewer's own time zone, for reading beside the UTC instant. */
export function localTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });
}
