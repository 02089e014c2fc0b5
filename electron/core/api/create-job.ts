import { TIME_WINDOWS } from '../../../shared/domain';
import { backoffDelay } from './backoff';
import { listJobs, windowFields } from './calls';
import { ApiError, apiError, type ApiErrorCode } from './errors';
import { isObject, normalizeVerdict, parseJob } from './parse';
import { pause, requestJson, type ClientContext } from './transport';
import type { CallOptions, CreateJobBody, CreateJobResult, ExportJob } from './types';
import { apiUrl } from './url';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** Clock skew we tolerate when deciding a job is "ours" by our own clock (the server sent no Date). */
export const DEDUPE_SLACK_MS = 60_000;
/** Date-header rounding and latency we tolerate when the server's own clock is known. */
export const DEDUPE_SLACK_SERVER_CLOCK_MS = 5_000;

/** How recent a job must be to be ours: the server's clock now, and how long ago we first posted. */
export interface Recency {
  serverNow: number;
  sentAgoMs: number;
  slackMs?: number;
}

function datesOf(body: CreateJobBody): { from: number; to: number } | null {
  if (!('date_from' in body)) return null;
  const at = (value: string, endOfDay: boolean) =>
    DATE_ONLY.test(value) ? Date.parse(`${value}T00:00:00Z`) + (endOfDay ? DAY_MS : 0) : Date.parse(value);
  return { from: at(body.date_from, false), to: at(body.date_to, true) };
}

function sameFilters(job: ExportJob, body: CreateJobBody): boolean {
  const wanted = { environment: body.filters?.environment, verdict: body.filters?.verdict };
  const none = wanted.environment === undefined && wanted.verdict === undefined;
  // A server that does not echo filters cannot prove a filtered job is ours: post again rather than guess.
  if (job.filters === null) return none;
  return job.filters.environment === wanted.environment && (job.filters.verdict ?? undefined) === (normalizeVerdict(wanted.verdict) ?? undefined);
}

/** True when `job` is what `body` would have created since just before our first attempt (same type, format, window, filters). */
export function matchesRequest(job: ExportJob, body: CreateJobBody, recency: Recency): boolean {
  const slack = recency.slackMs ?? DEDUPE_SLACK_MS;
  const created = Date.parse(job.created_at ?? '');
  if (!Number.isFinite(created)) return false;
  if (created < recency.serverNow - recency.sentAgoMs - slack || created > recency.serverNow + slack) return false;
  if (job.type !== body.type || job.format !== body.format || !sameFilters(job, body)) return false;
  const from = Date.parse(job.window?.from ?? '');
  const to = Date.parse(job.window?.to ?? '');
  if (!Number.isFinite(from) || !Number.isFinite(to)) return false;
  const dates = datesOf(body);
  if (dates !== null) return dates.from === from && dates.to === to;
  if (!('time_window' in body)) return false;
  // A relative window is resolved at creation: its length must match and it must end when the job was created.
  return Math.abs(to - from - TIME_WINDOWS[body.time_window]) <= 1000 && Math.abs(to - created) <= slack;
}

/** The newest job in a newest-first list that matches the request, or null. */
export function findRecreatedJob(jobs: readonly ExportJob[], body: CreateJobBody, recency: Recency): ExportJob | null {
  return jobs.find((job) => matchesRequest(job, body, recency)) ?? null;
}

type Found = { job: ExportJob; raw: unknown };

async function lookForJob(ctx: ClientContext, body: CreateJobBody, firstSentAt: number, known: ReadonlySet<string>, signal: AbortSignal | undefined): Promise<Found | null> {
  const page = await listJobs(ctx, { limit: 20 }, { signal });
  const dated = Date.parse(page.date ?? '');
  const sentAgoMs = ctx.now() - firstSentAt;
  const recency = Number.isFinite(dated)
    ? { serverNow: dated, sentAgoMs, slackMs: DEDUPE_SLACK_SERVER_CLOCK_MS }
    : { serverNow: ctx.now(), sentAgoMs, slackMs: DEDUPE_SLACK_MS };
  // Jobs this client created and was told about are not the one a lost request created.
  const job = findRecreatedJob(page.jobs.filter((j) => !known.has(j.id)), body, recency);
  if (job === null) return null;
  const rawJobs = isObject(page.raw) && Array.isArray(page.raw.jobs) ? page.raw.jobs : [];
  return { job, raw: rawJobs.find((entry) => isObject(entry) && entry.id === job.id) ?? null };
}

function remember(known: Set<string>, id: string): void {
  known.add(id);
  if (known.size > 200) known.delete(known.values().next().value as string);
}

/** POST /v1/exports/jobs, never blindly twice: after an ambiguous failure it adopts a matching recent job before posting again. */
export async function createJob(ctx: ClientContext, body: CreateJobBody, options: CallOptions = {}, known: Set<string> = new Set()): Promise<CreateJobResult> {
  const filters = { ...(body.filters?.environment !== undefined ? { environment: body.filters.environment } : {}), ...(body.filters?.verdict !== undefined ? { verdict: body.filters.verdict } : {}) };
  const payload = { type: body.type, format: body.format, ...windowFields(body), ...(Object.keys(filters).length > 0 ? { filters } : {}) };
  const url = apiUrl(ctx.base, '/v1/exports/jobs');
  const firstSentAt = ctx.now();
  const adopt = (found: Found): CreateJobResult => {
    remember(known, found.job.id);
    return { job: found.job, raw: found.raw, reused: true };
  };
  // undefined: the list could not be read, so whether the job exists is unknown.
  const look = () =>
    lookForJob(ctx, body, firstSentAt, known, options.signal).catch((error: unknown) => {
      if (error instanceof ApiError && error.code === 'cancelled') throw error;
      return undefined;
    });
  for (let round = 1; ; round++) {
    let ambiguous: ApiError;
    try {
      const { raw, status } = await requestJson(ctx, { method: 'POST', url, body: payload, signal: options.signal, onRetry: options.onRetry });
      const job = parseJob(raw);
      if (job === null) throw apiError('bad-response', { status, reason: 'the created job has no id' });
      remember(known, job.id);
      return { job, raw, reused: false };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const status = error.info.status;
      if (error.code === 'bad-response' && status !== undefined && status >= 200 && status < 300) {
        // The server accepted it but its answer is unreadable: adopt the job if it shows, never post again.
        const found = await look();
        if (!found) throw error;
        return adopt(found);
      }
      if (error.info.ambiguous !== true) throw error;
      ambiguous = error;
    }
    await pause(ctx, backoffDelay(round, ctx.retry, ctx.random), options.signal);
    const found = await look();
    if (found) return adopt(found);
    if (found === undefined || round >= ctx.retry.maxAttempts) throw apiError(ambiguous.code as ApiErrorCode, { ...ambiguous.info, attempts: round });
    ctx.log(`POST ${url.pathname}: ${ambiguous.code}; no matching job was created, posting again`);
  }
}
