import { UTC_INSTANT_PATTERN } from '../../../shared/domain';
import { exportInstantMs } from '../ingest/time';

const INSTANT = new RegExp(UTC_INSTANT_PATTERN);

/**
 * Milliseconds for an instant spelled as the contract spells record times (RFC 3339, UTC, `Z`, a real
 * calendar date), or NaN. A time Date.parse would accept in another spelling (`2026-03-19 10:30`, an
 * offset) or that rolls over (`02-30`) is not conformant evidence, so it is not read here.
 */
export function contractInstantMs(text: string): number {
  const ms = exportInstantMs(text);
  if (!Number.isNaN(ms) || !INSTANT.test(text)) return ms;
  // Other fraction lengths: read by Date.parse, kept only if the calendar fields survive unchanged.
  const parsed = Date.parse(text);
  return Number.isFinite(parsed) && new Date(parsed).toISOString().slice(0, 19) === text.slice(0, 19) ? parsed : NaN;
}

/** An instant as the contract writes it, to the millisecond. */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
let cachedDay = -1;
let cachedDayMs = 0;

function digits(bytes: Uint8Array, from: number, length: number): number {
  let value = 0;
  for (let i = from; i < from + length; i++) {
    const d = bytes[i]! - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * `exportInstantMs` over bytes: `YYYY-MM-DDTHH:MM:SS(.sss)Z` in `bytes[start, end)`, or NaN (then read
 * the text with `contractInstantMs`, which also knows the other fraction lengths). No string is made;
 * the day's epoch is cached, since consecutive records almost always share it.
 */
export function exportInstantMsAt(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if ((length !== 24 && length !== 20) || bytes[end - 1] !== 90 || bytes[start + 4] !== 45 || bytes[start + 7] !== 45 || bytes[start + 10] !== 84 || bytes[start + 13] !== 58 || bytes[start + 16] !== 58) return NaN;
  if (length === 24 && bytes[start + 19] !== 46) return NaN;
  const year = digits(bytes, start, 4);
  const month = digits(bytes, start + 5, 2);
  const day = digits(bytes, start + 8, 2);
  const hour = digits(bytes, start + 11, 2);
  const minute = digits(bytes, start + 14, 2);
  const second = digits(bytes, start + 17, 2);
  const ms = length === 24 ? digits(bytes, start + 20, 3) : 0;
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) return NaN;
  const key = year * 10_000 + month * 100 + day;
  if (key !== cachedDay) {
    const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    if (day > DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0)) return NaN;
    cachedDay = key;
    cachedDayMs = Date.UTC(year, month - 1, day);
  }
  return cachedDayMs + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}
