/** Milliseconds a Retry-After asks for (delta seconds or HTTP date); null when unreadable, so our own backoff applies. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

/** A parsed `Content-Range: bytes start-end/total` (total null for `*`). */
export interface ContentRange {
  start: number;
  end: number;
  total: number | null;
}

/** Parses a 206's Content-Range; null when it is missing, names no range, or is inconsistent. */
export function parseContentRange(value: string | null): ContentRange | null {
  if (value === null) return null;
  const match = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(value);
  if (!match) return null;
  const start = Number(match[1]);
  const end = Number(match[2]);
  const total = match[3] === '*' ? null : Number(match[3]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return null;
  if (total !== null && (!Number.isSafeInteger(total) || end >= total)) return null;
  return { start, end, total };
}

/** A Content-Length as a number, or null when absent or not a plain integer. */
export function parseContentLength(value: string | null): number | null {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return null;
  const length = Number(value);
  return Number.isSafeInteger(length) ? length : null;
}

/** True for an ETag that If-Range may carry: strong validators only (RFC 9110 §13.1.5). */
export function isStrongEtag(etag: string | null): etag is string {
  return etag !== null && /^"[^"]*"$/.test(etag.trim());
}
