const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The value of `text` at `at` as one decimal digit, or -1. */
function digit(text: string, at: number): number {
  const d = text.charCodeAt(at) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

function number(text: string, from: number, length: number): number {
  let value = 0;
  for (let i = from; i < from + length; i++) {
    const d = digit(text, i);
    if (d < 0) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Milliseconds since the epoch for an instant, exactly as Date.parse reads it (NaN when it cannot).
 * Exports write `YYYY-MM-DDTHH:MM:SS(.sss)Z`, which is read here directly; any other spelling, and any
 * out-of-range field, goes to Date.parse, which is several times slower on a million records.
 */
export function parseTimeMs(text: string): number {
  const ms = exportInstantMs(text);
  return Number.isNaN(ms) ? Date.parse(text) : ms;
}

/**
 * Milliseconds for an instant spelled exactly `YYYY-MM-DDTHH:MM:SS(.sss)Z` with every field in range
 * (a real calendar day, years from 1000), read digit by digit; NaN for anything else.
 */
export function exportInstantMs(text: string): number {
  const length = text.length;
  if (
    (length !== 24 && length !== 20) ||
    text.charCodeAt(length - 1) !== 90 /* Z */ ||
    text.charCodeAt(4) !== 45 /* - */ ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 /* T */ ||
    text.charCodeAt(13) !== 58 /* : */ ||
    text.charCodeAt(16) !== 58 ||
    (length === 24 && text.charCodeAt(19) !== 46) /* . */
  ) {
    return NaN;
  }
  const year = number(text, 0, 4);
  const month = number(text, 5, 2);
  const day = number(text, 8, 2);
  const hour = number(text, 11, 2);
  const minute = number(text, 14, 2);
  const second = number(text, 17, 2);
  const ms = length === 24 ? number(text, 20, 3) : 0;
  // Date.UTC maps years 0-99 to 1900-1999; leave those, and every edge case, to the caller.
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) {
    return NaN;
  }
  const leap = month === 2 && (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  if (day > DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0)) return NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}
