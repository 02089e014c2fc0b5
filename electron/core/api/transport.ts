import { retryDelay, type RetryPolicy, type Sleep } from './backoff';
import { ApiError, apiError, type ApiErrorCode, type ApiErrorDetails } from './errors';
import { classifyThrown, Exchange } from './exchange';
import { failureForNoAnswer, failureForStatus, parseErrorBody, type Failure } from './failure';
import { parseRetryAfter } from './headers';
import type { CallOptions } from './types';

/** Timeouts, in ms: a whole JSON call; a download's headers; the longest silence inside a download body. */
export interface Timeouts {
  requestMs: number;
  headersMs: number;
  idleMs: number;
}

/** Everything the client's parts share; built once by createKeeptrustsClient. */
export interface ClientContext {
  fetch: typeof fetch;
  base: URL;
  token: string;
  timeouts: Timeouts;
  retry: RetryPolicy;
  sleep: Sleep;
  random: () => number;
  now: () => number;
  log: (line: string) => void;
}

/** Sends one request through an exchange; redirects are never followed automatically (the token must not follow). */
export function send(
  ctx: ClientContext,
  url: URL,
  init: { method: string; headers?: Record<string, string>; body?: string; withAuth: boolean },
  exchange: Exchange,
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.withAuth) headers.set('authorization', `Bearer ${ctx.token}`);
  return exchange.race(ctx.fetch(url.toString(), { method: init.method, headers, body: init.body, signal: exchange.signal, redirect: 'manual' }));
}

/** Pauses before a retry; a cancel during the pause becomes `cancelled`. */
export async function pause(ctx: ClientContext, ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await ctx.sleep(ms, signal);
  } catch (error) {
    if (signal?.aborted) throw apiError('cancelled');
    throw error;
  }
}

/** A JSON call's outcome: the parsed body and the headers that matter afterwards. */
export interface JsonAnswer {
  status: number;
  raw: unknown;
  date: string | null;
}

/** One JSON call. */
export interface JsonRequest {
  method: 'GET' | 'POST';
  url: URL;
  body?: unknown;
  signal?: AbortSignal;
  /** Context for errors (e.g. which job). */
  details?: ApiErrorDetails;
  onRetry?: CallOptions['onRetry'];
}

async function attempt(ctx: ClientContext, request: JsonRequest): Promise<JsonAnswer | Failure> {
  const exchange = new Exchange(request.signal);
  exchange.arm(ctx.timeouts.requestMs);
  const extra = { ...request.details, url: request.url.pathname };
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const response = await send(ctx, request.url, { method: request.method, headers, body, withAuth: true }, exchange);
    const text = await exchange.race(response.text());
    if (response.status >= 200 && response.status < 300) {
      try {
        return { status: response.status, raw: text.trim() === '' ? null : JSON.parse(text), date: response.headers.get('date') };
      } catch {
        throw apiError('bad-response', { ...extra, status: response.status, reason: 'the body is not JSON' });
      }
    }
    if (response.status >= 300 && response.status < 400) {
      throw apiError('bad-response', { ...extra, status: response.status, reason: 'an unexpected redirect' });
    }
    const said = parseErrorBody(text, response.headers.get('content-type'));
    return failureForStatus(response.status, said, parseRetryAfter(response.headers.get('retry-after'), ctx.now()), extra);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const why = classifyThrown(error, exchange);
    if (why.kind === 'cancelled') throw why.error;
    return failureForNoAnswer(why.kind, why.kind === 'network' ? { ...extra, reason: why.reason } : { ...extra, timeoutMs: ctx.timeouts.requestMs });
  } finally {
    exchange.dispose();
  }
}

const isFailure = (value: JsonAnswer | Failure): value is Failure => 'retry' in value;

/** A JSON call under the retry policy; a POST that fails ambiguously is thrown with `details.ambiguous` for the caller to check. */
export async function requestJson(ctx: ClientContext, request: JsonRequest): Promise<JsonAnswer> {
  const idempotent = request.method === 'GET';
  for (let tries = 1; ; tries++) {
    const outcome = await attempt(ctx, request);
    if (!isFailure(outcome)) return outcome;
    const { retry, error } = outcome;
    if (retry === 'never') throw error;
    if (retry === 'idempotent' && !idempotent) {
      throw apiError(error.code as ApiErrorCode, { ...error.info, ambiguous: true, attempts: tries });
    }
    if (tries >= ctx.retry.maxAttempts) {
      throw apiError(error.code as ApiErrorCode, { ...error.info, attempts: tries });
    }
    const wait = retryDelay(tries, outcome.retryAfterMs, ctx.retry, ctx.random);
    ctx.log(`${request.method} ${request.url.pathname}: ${error.code}; retry ${tries} of ${ctx.retry.maxAttempts - 1} in ${wait} ms`);
    request.onRetry?.({ code: error.code, status: error.info.status ?? null, attempt: tries + 1, of: ctx.retry.maxAttempts, waitMs: wait });
    await pause(ctx, wait, request.signal);
  }
}
