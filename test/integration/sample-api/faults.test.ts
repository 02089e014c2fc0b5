import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../../electron/sample-api/knobs';
import type { SampleApi } from '../../../electron/sample-api/server';
import { call, createAndWait, startTestApi, type JobJson } from '../../support/sample-api';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Reads a body chunk by chunk and reports how far it got before it failed (or ended). */
async function readUntilFailure(response: Response): Promise<{ bytes: Buffer; error: unknown }> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
    return { bytes: Buffer.concat(chunks), error: null };
  } catch (error) {
    return { bytes: Buffer.concat(chunks), error };
  }
}

describe('the sample API: failure knobs', () => {
  let api: SampleApi;
  let job: JobJson;
  beforeEach(async () => {
    api = await startTestApi({ data: { eventsPerHour: 400 } });
    job = await createAndWait(api, { type: 'events', format: 'csv', time_window: '6h' });
  });
  afterEach(() => api.close());
  const inject = (fault: Fault) => api.knobs.faults.push(fault);
  const download = (init: RequestInit = {}) => call(api, `/v1/exports/jobs/${job.id}/download`, init);

  it('429 with Retry-After in seconds, then recovers', async () => {
    inject({ route: 'get-job', kind: 'status', status: 429, retryAfter: 'seconds', retryAfterSeconds: 3, times: 1 });
    const limited = await call(api, `/v1/exports/jobs/${job.id}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await call(api, `/v1/exports/jobs/${job.id}`)).status).toBe(200);
  });

  it('429 with Retry-After as an HTTP date', async () => {
    inject({ route: 'preview', kind: 'status', status: 429, retryAfter: 'http-date', retryAfterSeconds: 120, times: 1 });
    const limited = await call(api, '/v1/exports/preview');
    const retryAt = Date.parse(limited.headers.get('retry-after') ?? '');
    expect(limited.headers.get('retry-after')).toMatch(/GMT$/);
    expect(retryAt - Date.now()).toBeGreaterThan(100_000);
  });

  it('503 with Retry-After and 500 without, each for as many requests as asked', async () => {
    inject({ route: 'create-job', kind: 'status', status: 503, times: 2 });
    inject({ route: 'create-job', kind: 'status', status: 500, times: 1 });
    const post = () => call(api, '/v1/exports/jobs', { method: 'POST', body: JSON.stringify({ type: 'events', format: 'csv' }) });
    const first = await post();
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('1');
    expect((await post()).status).toBe(503);
    const third = await post();
    expect(third.status).toBe(500);
    expect(third.headers.get('retry-after')).toBeNull();
    expect((await post()).status).toBe(202);
  });

  it('slow headers outlast a client timeout', async () => {
    inject({ route: 'get-job', kind: 'slow-headers', delayMs: 2_000, times: 1 });
    await expect(call(api, `/v1/exports/jobs/${job.id}`, { signal: AbortSignal.timeout(200) })).rejects.toThrow(/timeout|aborted/i);
  });

  it('a stalled body stops after the bytes it promised', async () => {
    inject({ route: 'download', kind: 'slow-body', afterBytes: 1000, delayMs: 5_000, times: 1 });
    const controller = new AbortController();
    const response = await download({ signal: controller.signal });
    const reader = response.body!.getReader();
    let received = 0;
    const timer = setTimeout(() => controller.abort(), 300);
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        received += value.length;
      }
    } catch {
      // aborted while stalled: expected
    } finally {
      clearTimeout(timer);
    }
    expect(received).toBe(1000);
  });

  it('a cut connection mid-download can be resumed with Range + If-Range to the right sha256', async () => {
    inject({ route: 'download', kind: 'cut', afterBytes: 65_536, times: 1 });
    const cut = await download();
    expect(cut.status).toBe(200);
    expect(Number(cut.headers.get('content-length'))).toBe(job.artifact.size_bytes);
    const first = await readUntilFailure(cut);
    expect(first.error).not.toBeNull();
    expect(first.bytes.length).toBe(65_536);
    const rest = await download({ headers: { range: `bytes=${first.bytes.length}-`, 'if-range': cut.headers.get('etag')! } });
    expect(rest.status).toBe(206);
    const whole = Buffer.concat([first.bytes, Buffer.from(await rest.arrayBuffer())]);
    expect(whole.length).toBe(job.artifact.size_bytes);
    expect(sha256(whole)).toBe(job.artifact.sha256);
  });

  it('a short body ends before its Content-Length', async () => {
    inject({ route: 'download', kind: 'short', afterBytes: 5_000, times: 1 });
    const response = await download();
    const { bytes, error } = await readUntilFailure(response);
    expect(Number(response.headers.get('content-length'))).toBe(job.artifact.size_bytes);
    expect(bytes.length).toBe(5_000);
    expect(error).not.toBeNull();
  });

  it('a cut before any answer looks like a network error', async () => {
    inject({ route: 'list-jobs', kind: 'cut', times: 1 });
    await expect(call(api, '/v1/exports/jobs')).rejects.toThrow();
  });

  it('a failed job says why and cannot be downloaded', async () => {
    api.knobs.jobOutcome = 'fail';
    const failed = await createAndWait(api, { type: 'events', format: 'csv' });
    expect(failed).toMatchObject({ status: 'failed', artifact: null, error: { code: 'export_failed' } });
    expect((await call(api, `/v1/exports/jobs/${failed.id}/download`)).status).toBe(409);
  });

  it('an expired job answers 410 Gone', async () => {
    api.knobs.jobOutcome = 'expire';
    const expired = await createAndWait(api, { type: 'events', format: 'csv' });
    expect(expired.status).toBe('expired');
    const gone = await call(api, `/v1/exports/jobs/${expired.id}/download`);
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({ error: { code: 'expired' } });
  });

  it('the in-progress status can be spelled processing', async () => {
    api.knobs.runningStatus = 'processing';
    api.knobs.jobDurationMs = 400;
    const created = (await (await call(api, '/v1/exports/jobs', { method: 'POST', body: JSON.stringify({ type: 'events', format: 'csv' }) })).json()) as { id: string };
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(((await (await call(api, `/v1/exports/jobs/${created.id}`)).json()) as { status: string }).status).toBe('processing');
  });

  it('declares a wrong sha256 when asked, while the file itself is intact', async () => {
    api.knobs.wrongSha256 = true;
    const lying = await createAndWait(api, { type: 'events', format: 'csv', time_window: '6h' });
    const body = Buffer.from(await (await call(api, `/v1/exports/jobs/${lying.id}/download`)).arrayBuffer());
    expect(lying.artifact.size_bytes).toBe(body.length);
    expect(lying.artifact.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(lying.artifact.sha256).not.toBe(sha256(body));
    expect(sha256(body)).toBe(job.artifact.sha256);
  });

  describe('presigned storage on another origin', () => {
    beforeEach(() => {
      api.knobs.storage = 's3';
    });

    async function presignedUrl(): Promise<string> {
      const s3job = await createAndWait(api, { type: 'events', format: 'csv', time_window: '6h' });
      expect(s3job.artifact.storage).toBe('s3');
      const redirect = await call(api, `/v1/exports/jobs/${s3job.id}/download`);
      expect(redirect.status).toBe(302);
      return redirect.headers.get('location')!;
    }

    it('redirects to another origin that serves the file without Authorization', async () => {
      const location = await presignedUrl();
      expect(new URL(location).origin).toBe(api.storageOrigin);
      expect(new URL(location).origin).not.toBe(api.origin);
      const response = await fetch(location);
      expect(response.status).toBe(200);
      expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(job.artifact.sha256);
      expect(api.storage.requests.at(-1)).toMatchObject({ hadAuthorization: false, status: 200 });
    });

    it('refuses a request that carries an Authorization header, and records that it saw one', async () => {
      const location = await presignedUrl();
      const response = await fetch(location, { headers: { authorization: `Bearer ${api.token}` } });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('InvalidArgument');
      expect(api.storage.requests.at(-1)).toMatchObject({ hadAuthorization: true, status: 400 });
    });

    it('supports Range on the presigned URL', async () => {
      const location = await presignedUrl();
      const response = await fetch(location, { headers: { range: 'bytes=10-19' } });
      expect(response.status).toBe(206);
      expect((await response.arrayBuffer()).byteLength).toBe(10);
    });

    it('refuses an expired URL and a forged signature with 403', async () => {
      api.knobs.presignTtlMs = -5_000;
      const expired = await fetch(await presignedUrl());
      expect(expired.status).toBe(403);
      expect(await expired.text()).toContain('Request has expired');
      api.knobs.presignTtlMs = 60_000;
      const url = new URL(await presignedUrl());
      url.searchParams.set('X-Amz-Signature', '0'.repeat(64));
      expect((await fetch(url)).status).toBe(403);
    });

    it('can cut a presigned download too', async () => {
      const location = await presignedUrl();
      inject({ route: 'storage', kind: 'cut', afterBytes: 1_000, times: 1 });
      const { bytes, error } = await readUntilFailure(await fetch(location));
      expect(bytes.length).toBe(1_000);
      expect(error).not.toBeNull();
    });
  });

  it('shows no artifact while a job is still running', async () => {
    api.knobs.jobDurationMs = 600;
    const created = (await (await call(api, '/v1/exports/jobs', { method: 'POST', body: JSON.stringify({ type: 'events', format: 'csv' }) })).json()) as JobJson;
    await new Promise((resolve) => setTimeout(resolve, 450));
    const running = (await (await call(api, `/v1/exports/jobs/${created.id}`)).json()) as JobJson;
    expect(running.status).toBe('running');
    expect(running.artifact).toBeNull();
  });

  it('refuses an unknown or ill-typed knob at the control route with 400, changing nothing', async () => {
    for (const body of [{ faults: 'x' }, { nonsense: true }, { jobOutcome: 'explode' }, [1]]) {
      const response = await fetch(`${api.origin}/__control/knobs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
    }
    expect(api.knobs.faults).toEqual([]);
    expect((await call(api, '/v1/exports/preview')).status).toBe(200);
  });

  it('changes knobs at run time through the control route, which needs the token', async () => {
    expect((await fetch(`${api.origin}/__control/knobs`, { method: 'POST', body: '{}' })).status).toBe(401);
    const set = await fetch(`${api.origin}/__control/knobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ jobOutcome: 'fail' }),
    });
    expect(set.status).toBe(200);
    expect(api.knobs.jobOutcome).toBe('fail');
  });
});
