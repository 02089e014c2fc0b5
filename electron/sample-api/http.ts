import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault } from './knobs';

/** Sends a JSON body with a status. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Sends the contract's error envelope: `{"error": {"code", "message"}}`. */
export function sendError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error: { code, message } }, headers);
}

/** Answers a `status` fault (with Retry-After for 429/503 as the fault asks). */
export function sendStatusFault(res: ServerResponse, fault: Fault, now: number): void {
  const status = fault.status ?? 500;
  const headers: Record<string, string> = {};
  const seconds = fault.retryAfterSeconds ?? 1;
  if ((status === 429 || status === 503) && fault.retryAfter !== 'none') {
    headers['retry-after'] = fault.retryAfter === 'http-date' ? new Date(now + seconds * 1000).toUTCString() : String(seconds);
  }
  const code = status === 429 ? 'rate_limited' : status === 503 ? 'unavailable' : 'internal_error';
  sendError(res, status, code, `Injected ${status} (sample API fault)`, headers);
}

/** Reads a JSON request body of at most `limit` bytes; undefined when it is empty. */
export async function readJsonBody(req: IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, 'payload_too_large', `Request body is over ${limit} bytes`);
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_json', 'Request body is not valid JSON');
  }
}

/** An error that becomes an HTTP answer with the error envelope. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A stored file to serve, with what its headers say. */
export interface ServedFile {
  path: string;
  size: number;
  etag: string;
  contentType: string;
  filename: string;
}

/** Parses a single `bytes=` range against `size`; null when absent or ignorable, 'unsatisfiable' when out of bounds. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

/**
 * Serves a file with ETag, `Range` and `If-Range` (a stale If-Range gets the whole file), and applies a
 * body fault (slow, cut, short) if one is given.
 */
export async function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: ServedFile,
  fault?: Fault,
  onStatus?: (status: number) => void,
): Promise<void> {
  const common = {
    'accept-ranges': 'bytes',
    etag: file.etag,
    'content-type': file.contentType,
    'content-disposition': `attachment; filename="${file.filename}"`,
  };
  const ifRange = req.headers['if-range'];
  const rangeAllowed = ifRange === undefined || ifRange === file.etag;
  const range = rangeAllowed ? parseRange(req.headers.range, file.size) : null;
  if (range === 'unsatisfiable') {
    onStatus?.(416);
    res.writeHead(416, { ...common, 'content-range': `bytes */${file.size}`, 'content-length': 0 });
    res.end();
    return;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? file.size - 1;
  const length = file.size === 0 ? 0 : end - start + 1;
  const headers: Record<string, string | number> = { ...common, 'content-length': length };
  if (range) headers['content-range'] = `bytes ${start}-${end}/${file.size}`;
  // Reported before the first byte goes out, so an observer never sees a finished body with no status.
  onStatus?.(range ? 206 : 200);
  if (req.method === 'HEAD') {
    res.writeHead(range ? 206 : 200, headers);
    res.end();
    return;
  }
  res.writeHead(range ? 206 : 200, headers);
  if (length === 0) {
    res.end();
    return;
  }
  const bodyFault = fault && ['slow-body', 'cut', 'short'].includes(fault.kind) ? fault : undefined;
  const stopAt = bodyFault ? Math.min(length, Math.max(0, bodyFault.afterBytes ?? Math.floor(length / 2))) : length;
  if (stopAt > 0) {
    await pipeRange(res, file.path, start, start + stopAt - 1);
  }
  if (!bodyFault) {
    res.end();
    return;
  }
  switch (bodyFault.kind) {
    case 'cut':
      res.socket?.destroy();
      return;
    case 'short':
      // The declared length was promised; ending the connection early is what a broken proxy does.
      res.socket?.end();
      return;
    default: {
      await delay(bodyFault.delayMs ?? 30_000, res);
      if (res.destroyed) return;
      await pipeRange(res, file.path, start + stopAt, end);
      res.end();
    }
  }
}

async function pipeRange(res: ServerResponse, path: string, start: number, end: number): Promise<void> {
  if (end < start) return;
  const stream = createReadStream(path, { start, end, highWaterMark: 256 * 1024 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (res.destroyed) {
      stream.destroy();
      return;
    }
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
}

/** Waits `ms`, or less if the response closes first. */
export function delay(ms: number, res?: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      res?.off('close', done);
      resolve();
    }
    res?.on('close', done);
  });
}
