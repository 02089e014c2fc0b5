/**
 * Locale-free formatting for the packet's documents: the same input gives the same bytes on every
 * machine (no Intl, no local time zone).
 */
import { formatNumber } from '../../../../shared/format';

export { formatDuration, formatNumber, plural, trimDecimals } from '../../../../shared/format';

/** A UTC instant as `YYYY-MM-DD HH:MM` (with `:SS` when the seconds are not zero), or null for an invalid time. */
export function utcMinute(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return null;
  const iso = date.toISOString();
  const seconds = iso.slice(17, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === '00' && iso.slice(20, 23) === '000' ? '' : `:${seconds}`}`;
}

/** Milliseconds of an RFC 3339 instant, or NaN for anything else (including non-strings). */
export function instantMs(value: unknown): number {
  return typeof value === 'string' ? Date.parse(value) : Number.NaN;
}

/** The first 12 hex digits of a hash and an ellipsis, or the value itself when it is short. */
export function shortHash(value: string): string {
  return value.length > 16 ? `${value.slice(0, 12)}…` : value;
}

/** `value` cut to `max` characters, saying how many were left out. */
export function clipText(value: string, max: number): string {
  if (value.length <= max) return value;
  // Not between the two halves of a surrogate pair.
  const end = /[\ud800-\udbff]/.test(value.charAt(max - 1)) ? max - 1 : max;
  return `${value.slice(0, end)}… (${formatNumber(value.length - end)} more characters)`;
}
