import { apiError } from './errors';
import { parseJob, parseJobPage, parsePreview, parseTail } from './parse';
import { requestJson, type ClientContext } from './transport';
import type { CallOptions, EventsTailParams, EventsTailResult, JobPage, JobResult, PreviewParams, PreviewResult, WindowSpec } from './types';
import { apiUrl } from './url';

/** The window as query/body fields: exactly one of the two forms, as the contract asks. */
export function windowFields(spec: WindowSpec): Record<string, string> {
  if ('time_window' in spec && spec.time_window !== undefined) return { time_window: spec.time_window };
  if ('date_from' in spec && typeof spec.date_from === 'string' && typeof spec.date_to === 'string') {
    return { date_from: spec.date_from, date_to: spec.date_to };
  }
  throw apiError('invalid-request', { reason: 'give a time window or both dates' });
}

function checkLimit(limit: number | undefined, max: number): void {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > max)) {
    throw apiError('invalid-request', { reason: `limit must be 1 to ${max}` });
  }
}

/** GET /v1/exports/preview: what a job with these parameters would contain. */
export async function preview(ctx: ClientContext, params: PreviewParams, options: CallOptions = {}): Promise<PreviewResult> {
  const query = { type: params.type, ...windowFields(params), environment: params.filters?.environment, verdict: params.filters?.verdict };
  const { raw } = await requestJson(ctx, { method: 'GET', url: apiUrl(ctx.base, '/v1/exports/preview', query), signal: options.signal, onRetry: options.onRetry });
  const understood = parsePreview(raw);
  if (understood === null) throw apiError('bad-response', { reason: 'the preview is not a JSON object' });
  return { preview: understood, raw };
}

/** GET /v1/exports/jobs: one page of jobs, newest first. */
export async function listJobs(ctx: ClientContext, params: { limit?: number; cursor?: string } = {}, options: CallOptions = {}): Promise<JobPage & { date: string | null }> {
  checkLimit(params.limit, 100);
  const url = apiUrl(ctx.base, '/v1/exports/jobs', { limit: params.limit, cursor: params.cursor });
  const { raw, date } = await requestJson(ctx, { method: 'GET', url, signal: options.signal, onRetry: options.onRetry });
  const page = parseJobPage(raw);
  if (page === null) throw apiError('bad-response', { reason: 'the job list has no "jobs" array' });
  return { ...page, raw, date };
}

/** GET /v1/exports/jobs/{id}: one job, as understood and as sent. */
export async function getJob(ctx: ClientContext, id: string, options: CallOptions = {}): Promise<JobResult> {
  if (typeof id !== 'string' || id === '') throw apiError('invalid-request', { reason: 'a job id is required' });
  const url = apiUrl(ctx.base, `/v1/exports/jobs/${encodeURIComponent(id)}`);
  const { raw } = await requestJson(ctx, { method: 'GET', url, signal: options.signal, onRetry: options.onRetry, details: { jobId: id } });
  const job = parseJob(raw);
  if (job === null) throw apiError('bad-response', { jobId: id, reason: 'the job has no id' });
  return { job, raw };
}

/** GET /v1/events: the most recent events, newest first (what `kt events tail` shows). */
export async function eventsTail(ctx: ClientContext, params: EventsTailParams = {}, options: CallOptions = {}): Promise<EventsTailResult> {
  checkLimit(params.limit, 1000);
  const url = apiUrl(ctx.base, '/v1/events', { since: params.since, until: params.until, verdict: params.verdict, limit: params.limit });
  const { raw } = await requestJson(ctx, { method: 'GET', url, signal: options.signal, onRetry: options.onRetry });
  const tail = parseTail(raw);
  if (tail === null) throw apiError('bad-response', { reason: 'the events answer has no "events" array' });
  return { ...tail, raw };
}
