import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../../electron/sample-api/knobs';
import type { SampleApi } from '../../../electron/sample-api/server';
import { call, createAndWait, startTestApi } from '../../support/sample-api';
import { observedClient } from './helpers';

const JOBS = '/v1/exports/jobs';
const body = { type: 'events', format: 'csv', time_window: '6h' } as const;

describe('the client retries what is safe to retry, and no more', () => {
  let api: SampleApi;
  let jobId: string;
  beforeEach(async () => {
    api = await startTestApi({ data: { eventsPerHour: 200 } });
    jobId = (await createAndWait(api, body)).id;
  });
  afterEach(() => api.close());
  const inject = (fault: Fault) => api.knobs.faults.push(fault);
  const count = (requests: { method: string; url: string }[], method: string, path: string) =>
    requests.filter((r) => r.method === method && new URL(r.url).pathname === path).length;

  it('honours Retry-After in seconds on a 429, then succeeds', async () => {
    inject({ route: 'get-job', kind: 'status', status: 429, retryAfter: 'seconds', retryAfterSeconds: 3, times: 1 });
    const { client, delays, logs } = observedClient(api);
    expect((await client.getJob(jobId)).job.state).toBe('completed');
    expect(delays).toEqual([3000]);
    expect(logs[0]).toMatch(/rate-limited; retry 1 of 3 in 3000 ms/);
  });

  it('honours Retry-After as an HTTP date on a 429, capped at maxRetryAfterMs', async () => {
    inject({ route: 'preview', kind: 'status', status: 429, retryAfter: 'http-date', retryAfterSeconds: 8, times: 1 });
    inject({ route: 'preview', kind: 'status', status: 429, retryAfter: 'http-date', retryAfterSeconds: 120, times: 1 });
    const { client, delays } = observedClient(api);
    await client.preview({ type: 'events', time_window: '1h' });
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThan(6_000);
    expect(delays[0]).toBeLessThanOrEqual(8_000);
    expect(delays[1]).toBe(30_000);
  });

  it('retries a 503 even for a POST (the server did not process it), without looking for a duplicate', async () => {
    inject({ route: 'create-job', kind: 'status', status: 503, times: 2 });
    const { client, requests, delays } = observedClient(api);
    const { job, reused } = await client.createJob(body);
    expect(reused).toBe(false);
    expect(delays).toEqual([1000, 1000]);
    expect(count(requests, 'POST', JOBS)).toBe(3);
    expect(count(requests, 'GET', JOBS)).toBe(0);
    expect(api.jobs.get(job.id)).toBeDefined();
  });

  it('gives up on a 429 that never ends with rate-limited, after the bounded attempts', async () => {
    inject({ route: 'list-jobs', kind: 'status', status: 429, retryAfter: 'none', times: -1 });
    const { client, requests } = observedClient(api);
    await expect(client.listJobs()).rejects.toMatchObject({ code: 'rate-limited', details: { status: 429, attempts: 4, serverCode: 'rate_limited' } });
    expect(requests).toHaveLength(4);
  });

  it('retries a 500 on a GET with backoff, then succeeds', async () => {
    inject({ route: 'get-job', kind: 'status', status: 500, times: 2 });
    const { client, delays } = observedClient(api);
    expect((await client.getJob(jobId)).job.id).toBe(jobId);
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(2);
    expect(delays[0]).toBeLessThanOrEqual(5);
    expect(delays[1]).toBeGreaterThanOrEqual(5);
    expect(delays[1]).toBeLessThanOrEqual(10);
  });

  it('gives up on a persistent 500 with server-error', async () => {
    inject({ route: 'events', kind: 'status', status: 500, times: -1 });
    const { client, requests } = observedClient(api);
    await expect(client.eventsTail()).rejects.toMatchObject({ code: 'server-error', details: { status: 500, attempts: 4, serverCode: 'internal_error' } });
    expect(requests).toHaveLength(4);
  });

  it('times out slow headers, retries the GET, and succeeds', async () => {
    inject({ route: 'get-job', kind: 'slow-headers', delayMs: 3_000, times: 1 });
    const { client, requests } = observedClient(api, { timeouts: { requestMs: 200, headersMs: 200, idleMs: 200 } });
    const started = Date.now();
    expect((await client.getJob(jobId)).job.id).toBe(jobId);
    expect(requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('gives up on a server that is always too slow with timeout', async () => {
    inject({ route: 'preview', kind: 'slow-headers', delayMs: 3_000, times: -1 });
    const { client } = observedClient(api, { timeouts: { requestMs: 100, headersMs: 100, idleMs: 100 }, retry: { maxAttempts: 2, baseDelayMs: 5 } });
    await expect(client.preview({ type: 'events', time_window: '1h' })).rejects.toMatchObject({ code: 'timeout', details: { attempts: 2, timeoutMs: 100 } });
  });

  it('retries a connection cut before the answer on a GET', async () => {
    inject({ route: 'list-jobs', kind: 'cut', times: 2 });
    const { client, requests } = observedClient(api);
    expect((await client.listJobs()).jobs.length).toBeGreaterThan(0);
    expect(requests).toHaveLength(3);
  });

  it('reports server-unreachable when nothing listens', async () => {
    const closed = await startTestApi();
    const url = closed.url;
    await closed.close();
    const { client, requests } = observedClient({ url, token: 'kt_sample_token' });
    await expect(client.listJobs()).rejects.toMatchObject({ code: 'server-unreachable', details: { reason: 'ECONNREFUSED', attempts: 4 } });
    expect(requests).toHaveLength(4);
  });

  describe('creating a job is never blindly retried', () => {
    it('after a cut POST, lists recent jobs, finds none, and posts again exactly once', async () => {
      inject({ route: 'create-job', kind: 'cut', times: 1 });
      const before = api.jobs.all().length;
      const { client, requests, logs } = observedClient(api);
      const { job, reused } = await client.createJob(body);
      expect(reused).toBe(false);
      expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([`POST ${JOBS}`, `GET ${JOBS}`, `POST ${JOBS}`]);
      expect(api.jobs.all().length).toBe(before + 1);
      expect(api.jobs.all().at(-1)?.id).toBe(job.id);
      expect(logs.some((line) => /no matching job was created, posting again/.test(line))).toBe(true);
    });

    it('after a 500, does the same (the server may have processed it)', async () => {
      inject({ route: 'create-job', kind: 'status', status: 500, times: 1 });
      const { client, requests } = observedClient(api);
      await client.createJob(body);
      expect(requests.map((r) => r.method)).toEqual(['POST', 'GET', 'POST']);
    });

    it('adopts the job a lost POST did create, and does not post again', async () => {
      // Real clock here: the lost job's created_at must be comparable with the server's Date header.
      const live = await startTestApi({ now: () => Date.now(), data: { eventsPerHour: 50 } });
      try {
        const { client, requests } = observedClient(live);
        const earlier = await client.createJob(body);
        // What the lost request created on the server: the same export, a moment later.
        const lost = (await (await call(live, JOBS, { method: 'POST', body: JSON.stringify(body) })).json()) as { id: string };
        live.knobs.faults.push({ route: 'create-job', kind: 'cut', times: 1 });
        requests.length = 0;
        const { job, reused, raw } = await client.createJob(body);
        expect(reused).toBe(true);
        expect(job.id).toBe(lost.id);
        expect(job.id).not.toBe(earlier.job.id);
        expect(raw).toMatchObject({ id: lost.id });
        expect(requests.map((r) => r.method)).toEqual(['POST', 'GET']);
        expect(live.jobs.all()).toHaveLength(2);
      } finally {
        await live.close();
      }
    });

    it('gives up after the bounded rounds, marked ambiguous', async () => {
      inject({ route: 'create-job', kind: 'cut', times: -1 });
      const { client, requests } = observedClient(api, { retry: { maxAttempts: 2, baseDelayMs: 5 } });
      await expect(client.createJob(body)).rejects.toMatchObject({ code: 'server-unreachable', details: { ambiguous: true, attempts: 2 } });
      expect(requests.map((r) => r.method)).toEqual(['POST', 'GET', 'POST', 'GET']);
    });

    it('retries a POST that provably never left (connection refused) without listing', async () => {
      const closed = await startTestApi();
      const url = closed.url;
      await closed.close();
      const { client, requests } = observedClient({ url, token: 'kt_sample_token' });
      const error = await client.createJob(body).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'server-unreachable', details: { reason: 'ECONNREFUSED', attempts: 4 } });
      expect((error as { info: { ambiguous?: boolean } }).info.ambiguous).toBeUndefined();
      expect(requests.map((r) => r.method)).toEqual(['POST', 'POST', 'POST', 'POST']);
    });

    it('does not retry a refused request', async () => {
      const { client, requests } = observedClient(api);
      // Not a valid verdict, on purpose: the server refuses it and nothing is retried.
      const invalid = { ...body, filters: { verdict: 'maybe' as 'block' } };
      await expect(client.createJob(invalid)).rejects.toMatchObject({ code: 'request-rejected', details: { status: 400, serverCode: 'invalid_filter' } });
      expect(requests).toHaveLength(1);
    });
  });
});
