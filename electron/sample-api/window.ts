import { TIME_WINDOWS, isTimeWindow } from '../../shared/domain';
import { HttpError } from './http';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** A resolved export window, [from, to) in ms. */
export interface Window {
  from: number;
  to: number;
}

function parseDate(value: string, field: string, endOfDay: boolean): number {
  if (DATE_ONLY.test(value)) {
    const t = Date.parse(`${value}T00:00:00Z`);
    if (Number.isFinite(t) && new Date(t).toISOString().startsWith(value)) return endOfDay ? t + DAY_MS : t;
  } else if (INSTANT.test(value)) {
    const t = Date.parse(value);
    if (Number.isFinite(t)) return t;
  }
  throw new HttpError(400, 'invalid_date', `${field} must be YYYY-MM-DD or an RFC 3339 instant, got "${value}"`);
}

/**
 * Resolves `time_window` (relative to `now`) or `date_from`/`date_to` (whole UTC days, `date_to`
 * inclusive; or instants). With neither, the last 24 hours.
 */
export function resolveWindow(
  params: { time_window?: unknown; date_from?: unknown; date_to?: unknown },
  now: number,
): Window {
  const relative = params.time_window;
  const hasDates = params.date_from !== undefined || params.date_to !== undefined;
  if (relative !== undefined && hasDates) {
    throw new HttpError(400, 'invalid_window', 'Give time_window or date_from/date_to, not both');
  }
  if (hasDates) {
    if (typeof params.date_from !== 'string' || typeof params.date_to !== 'string') {
      throw new HttpError(400, 'invalid_window', 'date_from and date_to are both required, as strings');
    }
    const from = parseDate(params.date_from, 'date_from', false);
    const to = parseDate(params.date_to, 'date_to', true);
    if (from >= to) throw new HttpError(400, 'invalid_window', 'date_from must be before date_to');
    return { from, to };
  }
  const window = relative ?? '24h';
  if (!isTimeWindow(window)) {
    throw new HttpError(400, 'invalid_window', `time_window must be one of ${Object.keys(TIME_WINDOWS).join(', ')}`);
  }
  return { from: now - TIME_WINDOWS[window], to: now };
}

/** Parses `since`/`until` for the events tail: a duration like `5m`, `1h`, `7d`, or an instant. */
export function parseSince(value: string, now: number, field: string): number {
  const duration = /^(\d+)(s|m|h|d)$/.exec(value);
  if (duration) {
    const unit = { s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS }[duration[2] as 's' | 'm' | 'h' | 'd'];
    return now - Number(duration[1]) * unit;
  }
  return parseDate(value, field, false);
}
