import { TIME_WINDOWS, isTimeWindow, type TimeWindow } from '../../../shared/domain';
import type { ReviewScope } from '../../../shared/schemas/scope';
import { UsageError } from '../usage-error';
import { parseDateOrInstant, parseInstant } from '../values';

/** The review window as given: the W before an instant (now when null), or fixed bounds [from, to) in ms. */
export type ReviewWindowFlags = { relative: TimeWindow; atMs: number | null } | { fromMs: number; toMs: number };

const FORMS = 'Give --since W (with --at INSTANT for a window that ends earlier than now), or --from D --to D.';

/** `--since W [--at INSTANT]` or `--from D --to D`, exactly one of the two; dates are whole UTC days, `--to` inclusive. */
export function parseReviewWindow(flags: { since?: string; at?: string; from?: string; to?: string }): ReviewWindowFlags {
  const { since, at, from, to } = flags;
  const fixed = from !== undefined || to !== undefined;
  if (since !== undefined && fixed) throw new UsageError('Give --since or --from/--to, not both.', FORMS);
  if (at !== undefined && since === undefined) throw new UsageError('--at goes with --since: it is where a relative window ends.', 'With --from and --to the window is already fixed; drop --at.');
  if (since !== undefined) {
    if (!isTimeWindow(since)) throw new UsageError(`--since "${since}" is not a window the API offers.`, `Use one of ${Object.keys(TIME_WINDOWS).join(', ')}, or --from/--to for other windows.`);
    return { relative: since, atMs: at === undefined ? null : parseInstant(at, '--at') };
  }
  if (!fixed) throw new UsageError('evidence validate needs the review window (--since, or --from and --to).', FORMS);
  if (from === undefined || to === undefined) throw new UsageError('--from and --to go together.', 'Give both, e.g. --from 2026-03-01 --to 2026-03-31.');
  const fromMs = parseDateOrInstant(from, '--from').startMs;
  const toMs = parseDateOrInstant(to, '--to').endMs;
  if (fromMs >= toMs) throw new UsageError('--from must be before --to.', 'Swap them, or widen the window.');
  return { fromMs, toMs };
}

/** The window as the scope keeps it: RFC 3339 UTC bounds, plus the relative window as entered. */
export function resolveReviewWindow(window: ReviewWindowFlags, nowMs: number): ReviewScope['window'] {
  const iso = (ms: number) => new Date(ms).toISOString();
  if ('fromMs' in window) return { from: iso(window.fromMs), to: iso(window.toMs) };
  const to = window.atMs ?? nowMs;
  return { relative: window.relative, from: iso(to - TIME_WINDOWS[window.relative]), to: iso(to) };
}
