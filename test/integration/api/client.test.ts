import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/core/api';
import type { SampleApi } from '../../../electron/sample-api/server';
import { csvColumns } from '../../../shared/schemas/records';
import { startTestApi } from '../../support/sample-api';
import { observedClient, sha256File, tempDir } from './helpers';

describe('the Keeptrusts client against the sample API', () => {
  let api: SampleApi;
  let dir: string;
  let removeDir: () => Promise<void>;
  beforeEach(async () => {
    api = await startTestApi({ data: { eventsPerHour: 200 } });
    ({ dir, remove: removeDir } = await tempDir());
  });
  afterEach(async () => {
    await api.close();
    await removeDir();
  });

  it('previews, creates, waits, downloads and verifies an export; lists and gets jobs; keeps the raw JSON', async () => {
    const { client, requests } = observedClient(api);
    const { preview, raw: rawPreview } = await client.preview({ type: 'events', time_window: '6h', filters: { environment: 'production' } });
    expect(preview.record_count).toBeGreaterThan(0);
    expect(preview.environments).toEqual(['production']);
    expect(rawPreview).toMatchObject({ record_count: preview.record_count });

    const created = await client.createJob({ type: 'events', format: 'csv', time_window: '6h', filters: { environment: 'production' } });
    expect(created).toMatchObject({ reused: false, job: { status: 'queued', state: 'pending', filters: { environment: 'production' } } });
    expect(created.raw).toMatchObject({ id: created.job.id, status: 'queued' });

    const statuses: (string | null)[] = [];
    const { job } = await client.waitForJob(created.job.id, { onStatus: (status) => statuses.push(status) });
    expect(job.state).toBe('completed');
    expect(statuses.at(-1)).toBe('completed');
    expect(job.artifact?.record_count).toBe(preview.record_count);

    const progress: { bytes: number; total: number | null }[] = [];
    const result = await client.download(job, { partialPath: join(dir, 'job.part'), finalPath: (name) => join(dir, name), onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({
      filename: job.artifact?.filename,
      bytes: job.artifact?.size_bytes,
      sha256: job.artifact?.sha256,
      etag: `"${job.artifact?.sha256}"`,
      resumedCount: 0,
      downloadOrigin: `${api.url}/v1/exports/jobs/${job.id}/download`,
    });
    expect(result.path).toBe(join(dir, job.artifact!.filename!));
    expect(await sha256File(result.path)).toBe(job.artifact?.sha256);
    expect(Date.parse(result.downloadedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(progress.at(-1)).toEqual({ bytes: job.artifact?.size_bytes, total: job.artifact?.size_bytes });
    await expect(readFile(join(dir, 'job.part'))).rejects.toThrow(/ENOENT/);
    await expect(readFile(join(dir, 'job.part.resume.json'))).rejects.toThrow(/ENOENT/);

    const page = await client.listJobs({ limit: 5 });
    expect(page.jobs[0]?.id).toBe(job.id);
    expect(page.nextCursor).toBeNull();
    expect((await client.getJob(job.id)).raw).toMatchObject({ id: job.id, status: 'completed' });
    expect(requests.every((r) => r.authorization)).toBe(true);
  });

  it('pages through jobs with the cursor', async () => {
    const { client } = observedClient(api);
    for (let i = 0; i < 3; i++) await client.createJob({ type: 'audit-log', format: 'json', time_window: '1h' });
    const first = await client.listJobs({ limit: 2 });
    expect(first.jobs).toHaveLength(2);
    const second = await client.listJobs({ limit: 2, cursor: first.nextCursor! });
    expect(second.jobs).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
  });

  it('works under a base URL with a path prefix, with or without a trailing slash', async () => {
    const prefixed = await startTestApi({ basePath: '/api', data: { eventsPerHour: 200 } });
    try {
      expect(prefixed.url).toMatch(/\/api$/);
      for (const baseUrl of [prefixed.url, `${prefixed.url}/`]) {
        const { client } = observedClient(prefixed, { baseUrl });
        const { job: created } = await client.createJob({ type: 'escalations', format: 'json', time_window: '24h' });
        const { job } = await client.waitForJob(created.id);
        const result = await client.download(job, { partialPath: join(dir, 'p.part'), finalPath: join(dir, `${baseUrl.length}.json`) });
        expect(result.downloadOrigin).toBe(`${prefixed.url}/v1/exports/jobs/${job.id}/download`);
        expect(await sha256File(result.path)).toBe(job.artifact?.sha256);
      }
    } finally {
      await prefixed.close();
    }
  });

  it('reads the events tail with the verdict in the contract spelling', async () => {
    const { client } = observedClient(api);
    const tail = await client.eventsTail({ since: '6h', verdict: 'block', limit: 5 });
    expect(tail.events).toHaveLength(5);
    expect(tail.events.every((e) => e.verdict === 'block' && e.id?.startsWith('evt_'))).toBe(true);
    expect(tail.since).toMatch(/Z$/);
    expect((tail.raw as { events: unknown[] }).events).toHaveLength(5);
    await expect(client.eventsTail({ limit: 0 })).rejects.toMatchObject({ code: 'invalid-request' });
  });

  it("reports 'processing' as spelled and keeps waiting through it", async () => {
    api.knobs.runningStatus = 'processing';
    api.knobs.jobDurationMs = 200;
    const { client } = observedClient(api);
    const { job: created } = await client.createJob({ type: 'events', format: 'json', time_window: '1h' });
    const statuses: (string | null)[] = [];
    await client.waitForJob(created.id, { onStatus: (status) => statuses.push(status) });
    expect(statuses).toEqual(['queued', 'processing', 'completed']);
  });

  it('treats an unknown status as still running until the timeout, and resumes when it completes', async () => {
    const { client } = observedClient(api);
    const { job: created } = await client.createJob({ type: 'events', format: 'json', time_window: '1h' });
    await client.waitForJob(created.id);
    const stored = api.jobs.get(created.id)!;
    stored.status = 'paused_by_admin';
    const timedOut = await client.waitForJob(created.id, { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(ApiError);
    expect(timedOut).toMatchObject({ code: 'job-timeout', details: { jobStatus: 'paused_by_admin', jobId: created.id } });
    expect((timedOut as ApiError).message).toContain('paused_by_admin');

    const statuses: (string | null)[] = [];
    const done = await client.waitForJob(created.id, {
      onStatus: (status) => {
        statuses.push(status);
        if (status === 'paused_by_admin') setTimeout(() => (stored.status = 'completed'), 50);
      },
    });
    expect(done.job.state).toBe('completed');
    expect(statuses).toEqual(['paused_by_admin', 'completed']);

    stored.status = 'paused_by_admin';
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(client.waitForJob(created.id, { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('downloads an empty window as a valid header-only file with record_count 0', async () => {
    const now = api.data().now;
    api.setData({ outages: [{ from: now - 7_200_000, to: now + 1 }] });
    const { client } = observedClient(api);
    expect((await client.preview({ type: 'events', time_window: '1h' })).preview).toMatchObject({ record_count: 0, earliest: null });
    const { job: created } = await client.createJob({ type: 'events', format: 'csv', time_window: '1h' });
    const { job } = await client.waitForJob(created.id);
    expect(job.artifact?.record_count).toBe(0);
    const result = await client.download(job, { partialPath: join(dir, 'e.part'), finalPath: join(dir, 'empty.csv') });
    expect(await readFile(result.path, 'utf8')).toBe(`${csvColumns.events.join(',')}\r\n`);
  });

  it('fails typed for a failed job, with the server message, and for an expired job (status or 410)', async () => {
    const { client } = observedClient(api);
    api.knobs.jobOutcome = 'fail';
    const { job: failing } = await client.createJob({ type: 'events', format: 'csv', time_window: '1h' });
    const failed = await client.waitForJob(failing.id).catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: 'job-failed', details: { jobId: failing.id, serverCode: 'export_failed' } });
    expect((failed as ApiError).message).toContain('storage backend unavailable');
    const { job: failedJob } = await client.getJob(failing.id);
    await expect(client.download(failedJob, { partialPath: join(dir, 'f.part'), finalPath: join(dir, 'f.csv') })).rejects.toMatchObject({ code: 'job-failed' });

    api.knobs.jobOutcome = 'expire';
    const { job: expiring } = await client.createJob({ type: 'events', format: 'csv', time_window: '1h' });
    await expect(client.waitForJob(expiring.id)).rejects.toMatchObject({ code: 'job-expired' });
    const { job: expired } = await client.getJob(expiring.id);
    await expect(client.download(expired, { partialPath: join(dir, 'x.part'), finalPath: join(dir, 'x.csv') })).rejects.toMatchObject({ code: 'job-expired' });
    // A snapshot taken while it was still complete: the server's 410 says the same.
    const stale = { ...expired, status: 'completed', state: 'completed' as const };
    await expect(client.download(stale, { partialPath: join(dir, 'x.part'), finalPath: join(dir, 'x.csv') })).rejects.toMatchObject({ code: 'job-expired', details: { status: 410 } });
  });

  it('answers a wrong token with bad-token, a token without the export scope with no-scope, an unknown job with not-found', async () => {
    await expect(observedClient({ url: api.url, token: 'kt_live_wrong' }).client.listJobs()).rejects.toMatchObject({ code: 'bad-token', details: { status: 401 } });
    await expect(observedClient({ url: api.url, token: 'kt_sample_noscope' }).client.preview({ type: 'events', time_window: '1h' })).rejects.toMatchObject({
      code: 'no-scope',
      details: { status: 403 },
    });
    await expect(observedClient(api).client.getJob('job_nope')).rejects.toMatchObject({ code: 'not-found', details: { jobId: 'job_nope' } });
  });
});
