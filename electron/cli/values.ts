import { EXPORT_FORMATS, EXPORT_TYPES, TIME_WINDOWS, isExportFormat, isExportType, isTimeWindow, normalizeVerdict, type ExportFormat, type ExportType, type Verdict } from '../../shared/domain';
import type { WindowSpec } from '../core/api';
import { parseBaseUrl } from '../core/api/url';
import { AppError } from '../core/errors';
import { UsageError } from './usage-error';

// Parsers for flag values: each returns what the core expects, or throws a UsageError saying what to type instead.

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** Export types from repeatable, comma-separated `--type` (or `--types`) values, each once. */
export function parseTypes(values: readonly string[], flag = '--type'): ExportType[] {
  const types: ExportType[] = [];
  for (const item of values.flatMap((value) => value.split(',')).map((s) => s.trim())) {
    if (!isExportType(item)) throw new UsageError(`Unknown export type "${item}".`, `Use one or more of: ${EXPORT_TYPES.join(', ')}.`);
    if (types.includes(item)) throw new UsageError(`${flag} names ${item} twice.`, 'Name each export type once.');
    types.push(item);
  }
  return types;
}

/** One export type, for commands that take a single `--type`. */
export function parseType(value: string): ExportType {
  if (!isExportType(value)) throw new UsageError(`Unknown export type "${value}".`, `Use one of: ${EXPORT_TYPES.join(', ')}.`);
  return value;
}

/** One export format. */
export function parseFormat(value: string): ExportFormat {
  if (!isExportFormat(value)) throw new UsageError(`Unknown format "${value}".`, `Use ${EXPORT_FORMATS.join(' or ')}.`);
  return value;
}

/** `--format csv` (all), `--format events=csv,traces=json`, or both (`json,events=csv`); unnamed types get the default, else csv. */
export function parseFormats(spec: string | undefined, types: readonly ExportType[]): { type: ExportType; format: ExportFormat }[] {
  let fallback: ExportFormat | undefined;
  const perType = new Map<ExportType, ExportFormat>();
  for (const entry of (spec ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const [name, format] = entry.split('=', 2) as [string, string | undefined];
    if (format === undefined) {
      if (fallback) throw new UsageError('--format gives two formats for all types.', 'Give one format for all, plus type=format pairs for the exceptions.');
      fallback = parseFormat(name);
      continue;
    }
    const type = parseType(name.trim());
    if (!types.includes(type)) throw new UsageError(`--format names ${type}, which is not being pulled.`, `Add --type ${type}, or drop it from --format.`);
    if (perType.has(type)) throw new UsageError(`--format names ${type} twice.`, 'Give each type one format.');
    perType.set(type, parseFormat(format.trim()));
  }
  return types.map((type) => ({ type, format: perType.get(type) ?? fallback ?? 'csv' }));
}

/** RFC 3339 spelling with a real calendar date and time of day (Date.parse rolls 02-30 over to March, and T24:00 to the next day). */
function isRealInstant(value: string): boolean {
  if (!INSTANT.test(value)) return false;
  const [year, month, day, hour, minute, second] = [0, 5, 8, 11, 14, 17].map((at) => Number(value.slice(at, at === 0 ? 4 : at + 2))) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}

/** A date or instant flag: its UTC text for the API, and where it starts and ends (a date covers the whole UTC day). */
export function parseDateOrInstant(value: string, flag: string): { text: string; startMs: number; endMs: number } {
  if (DATE_ONLY.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    if (Number.isFinite(start) && new Date(start).toISOString().startsWith(value)) return { text: value, startMs: start, endMs: start + DAY_MS };
  } else if (isRealInstant(value)) {
    const at = Date.parse(value.toUpperCase());
    if (Number.isFinite(at)) return { text: UTC_INSTANT.test(value) ? value : new Date(at).toISOString(), startMs: at, endMs: at };
  }
  throw new UsageError(`${flag} "${value}" is not a date or an instant.`, `Use YYYY-MM-DD (a whole UTC day) or RFC 3339, e.g. 2026-03-20T10:30:00Z.`);
}

/** An instant (RFC 3339, any offset) in ms; a date alone is not an instant. */
export function parseInstant(value: string, flag: string): number {
  const at = isRealInstant(value) ? Date.parse(value.toUpperCase()) : NaN;
  if (!Number.isFinite(at)) throw new UsageError(`${flag} "${value}" is not an instant.`, 'Use RFC 3339 with a time and an offset, e.g. 2026-03-20T10:30:00Z.');
  return at;
}

/** The export window: `--since`, or `--from` with `--to` (`--to` inclusive for dates); the last 24 hours by default. */
export function parseWindow(flags: { since?: string; from?: string; to?: string }): WindowSpec {
  const { since, from, to } = flags;
  if (since !== undefined && (from !== undefined || to !== undefined)) throw new UsageError('Give --since or --from/--to, not both.', 'Use --since for a relative window, --from and --to for fixed dates.');
  if ((from === undefined) !== (to === undefined)) throw new UsageError('--from and --to go together.', 'Give both, e.g. --from 2026-03-01 --to 2026-03-31.');
  if (from !== undefined && to !== undefined) {
    const start = parseDateOrInstant(from, '--from');
    const end = parseDateOrInstant(to, '--to');
    if (start.startMs >= end.endMs) throw new UsageError('--from must be before --to.', 'Swap them, or widen the window.');
    return { date_from: start.text, date_to: end.text };
  }
  const window = since ?? '24h';
  if (!isTimeWindow(window)) throw new UsageError(`--since "${window}" is not a window the API offers.`, `Use one of ${Object.keys(TIME_WINDOWS).join(', ')}, or --from/--to for other windows.`);
  return { time_window: window };
}

/** A bound of a records query as a UTC instant: a date means its start for `--from`, the end of that whole day for `--to`. */
export function parseRecordBound(value: string, flag: '--from' | '--to'): string {
  const parsed = parseDateOrInstant(value, flag);
  return new Date(flag === '--from' ? parsed.startMs : parsed.endMs).toISOString();
}

/** A page size from 1 to `max`. */
export function parseLimit(value: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--limit must be a whole number from 1 to ${max}.`, `For more, page on with --cursor.`);
  return n;
}

/** A whole number from 1 to `max` for `flag`. */
export function parsePositive(value: string, flag: string, max: number, hint: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > max) throw new UsageError(`${flag} must be a whole number from 1 to ${max.toLocaleString('en-US')}.`, hint);
  return n;
}

/** Values of a repeatable flag that also takes comma-separated lists, trimmed, each once; every value must name at least one. */
export function listValues(values: readonly string[], flag: string): string[] {
  const items = values.map((value) => value.split(',').map((s) => s.trim()).filter((s) => s !== ''));
  if (items.some((list) => list.length === 0)) throw new UsageError(`${flag} needs a value.`, `Give one or more, separated by commas: ${flag} A,B.`);
  return [...new Set(items.flat())];
}

/** Request or escalation IDs for the scope: 1 to 200 characters without spaces, at most 1,000. */
export function parseIds(values: readonly string[], flag: string): string[] {
  const ids = listValues(values, flag);
  const bad = ids.find((id) => id.length > 200 || /\s/.test(id));
  if (bad !== undefined) throw new UsageError(`${flag} "${bad.slice(0, 60)}${bad.length > 60 ? '…' : ''}" is not an ID.`, 'IDs are 1 to 200 characters without spaces.');
  if (ids.length > 1000) throw new UsageError(`${flag} names more than 1,000 IDs.`, 'Keep the IDs reviewers will actually look up.');
  return ids;
}

/** A verdict, in any spelling the product uses (`blocked` means `block`). */
export function parseVerdict(value: string): Verdict {
  const verdict = normalizeVerdict(value);
  if (!verdict) throw new UsageError(`Unknown verdict "${value}".`, 'Use allow, block, redact or escalate.');
  return verdict;
}

/** Free text for a filter, within the length the core accepts. */
export function parseText(value: string, flag: string, max: number): string {
  if (value === '' || value.length > max) throw new UsageError(`${flag} must be 1 to ${max} characters.`, `Check the value given to ${flag}.`);
  return value;
}

/** The API base URL, checked the way the client will check it; never echoed, as it might carry a password. */
export function parseApiUrl(value: string): string {
  try {
    return parseBaseUrl(value).toString();
  } catch (error) {
    const insecure = error instanceof AppError && error.code === 'insecure-url';
    throw new UsageError(
      insecure ? '--api must use https (plain http is allowed only for this computer).' : '--api is not a usable API address (a URL without user, query or fragment).',
      'Give the Keeptrusts API base URL, e.g. https://api.keeptrusts.com or http://localhost:8080.',
    );
  }
}

/** The name of the variable holding the token; never echoed back, in case a token was pasted in its place. */
export function parseTokenEnvName(value: string): string {
  if (/^kt_/i.test(value) || !/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(value)) {
    throw new UsageError('--token-env takes the NAME of an environment variable, not a token.', 'Put the token in a variable (export KEEPTRUSTS_TOKEN=…) and pass --token-env KEEPTRUSTS_TOKEN.');
  }
  return value;
}

/** The token from the named variable (surrounding whitespace dropped, e.g. a newline from a file). */
export function readToken(env: Readonly<Record<string, string | undefined>>, name: string): string {
  const token = env[name]?.trim() ?? '';
  if (token === '') throw new UsageError(`The environment variable ${name} is not set, or is empty.`, `Put the API token in it (export ${name}=…) and run again.`);
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(token)) throw new UsageError(`The value of ${name} is not a token: it contains spaces or control characters.`, `Put only the API token in ${name}.`);
  return token;
}
