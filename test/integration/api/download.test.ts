import { statSync } from 'node:fs';
import { access, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportJob } from '../../../electron/core/api';
import type { Fault } from '../../../electron/sample-api/knobs';
import type { SampleApi } from '../../../electron/sample-api/server';
import { startTestApi } from '../../support/sample-api';
import { observedClient, sha256File, tempDir, until } from './helpers';

const exists = (path: string) => access(path).then(() => true, () => false);
/** A second file system (tmpfs) where this machine has one, to cross volumes between cache and destination. */
const otherVolume = (() => {
  try {
    return statSync('/dev/shm').dev !== statSync(tmpdir()).dev ? '/dev/shm' : null;
  } catch {
    return null;
  }
})();

describe('downloads against the sample API', () => {
  let api: SampleApi;
  let dir: string;
  let removeDir: () => Promise<void>;
  let job: ExportJob;
  let partialPath: string;
  let finalPath: string;
  beforeEach(async () => {
    api = await startTestApi({ data: { eventsPerHour: 200 } });
    ({ dir, remove: removeDir } = await tempDir());
    partialPath = join(dir, 'cache', 'download.part');
    finalPath = join(dir, 'export.csv');
    await mkdir(join(dir, 'cache'));
    job = await completedJob();
  });
  afterEach(async () => {
    await api.close();
    await removeDir();
  });
  const inject = (fault: Fault) => api.knobs.faults.push(fault);
  async function completedJob(): Promise<ExportJob> {
    const { client } = observedClient(api);
    const { job: created } = await client.createJob({ type: 'events', format: 'csv', time_window: '24h' });
    return (await client.waitForJob(created.id)).job;
  }
  const expectVerified = async (path: string, expected: ExportJob) => {
    expect((await stat(path)).size).toBe(expected.artifact?.size_bytes);
    expect(await sha256File(path)).toBe(expected.artifact?.sha256);
  };

  it('resumes a connection cut mid-download with Range + If-Range, to the right sha256', async () => {
    expect(job.artifact!.size_bytes!).toBeGreaterThan(200_000);
    inject({ route: 'download', kind: 'cut', afterBytes: 65_536, times: 2 });
    const { client, requests } = observedClient(api);
    const result = await client.download(job, { partialPath, finalPath });
    expect(result.resumedCount).toBeGreaterThanOrEqual(1);
    expect(result.sha256).toBe(job.artifact?.sha256);
    await expectVerified(finalPath, job);
    expect(requests[0]?.range).toBeNull();
    expect(requests.slice(1).map((r) => r.range)).toContain('bytes=65536-');
    expect(await exists(partialPath)).toBe(false);
  });

  it('resumes a body shorter than its Content-Length', async () => {
    inject({ route: 'download', kind: 'short', afterBytes: 5_000, times: 1 });
    const { client } = observedClient(api);
    const result = await client.download(job, { partialPath, finalPath });
    expect(result.resumedCount).toBe(1);
    await expectVerified(finalPath, job);
  });

  it('cuts off a stalled body after idleMs and resumes', async () => {
    inject({ route: 'download', kind: 'slow-body', afterBytes: 20_000, delayMs: 5_000, times: 1 });
    const { client } = observedClient(api, { timeouts: { requestMs: 1_000, headersMs: 1_000, idleMs: 200 } });
    const started = Date.now();
    const result = await client.download(job, { partialPath, finalPath });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result.resumedCount).toBe(1);
    await expectVerified(finalPath, job);
  });

  it('retries slow headers on the download', async () => {
    inject({ route: 'download', kind: 'slow-headers', delayMs: 3_000, times: 1 });
    const { client, requests } = observedClient(api, { timeouts: { requestMs: 1_000, headersMs: 150, idleMs: 1_000 } });
    await client.download(job, { partialPath, finalPath });
    expect(requests).toHaveLength(2);
    await expectVerified(finalPath, job);
  });

  it('gives up after the bounded resumes, keeps the partial, and a later call resumes it', async () => {
    inject({ route: 'download', kind: 'cut', afterBytes: 40_000, times: -1 });
    const first = observedClient(api, { download: { maxResumes: 2 } });
    await expect(first.client.download(job, { partialPath, finalPath })).rejects.toMatchObject({ code: 'server-unreachable', details: { attempts: 3, jobId: job.id } });
    expect(await exists(finalPath)).toBe(false);
    expect((await stat(partialPath)).size).toBe(120_000);
    expect(JSON.parse(await readFile(`${partialPath}.resume.json`, 'utf8'))).toEqual({ etag: `"${job.artifact?.sha256}"`, sha256: job.artifact?.sha256 });

    api.knobs.faults.length = 0;
    const second = observedClient(api);
    const result = await second.client.download(job, { partialPath, finalPath });
    expect(second.requests.map((r) => r.range)).toEqual(['bytes=120000-']);
    expect(result.resumedCount).toBe(1);
    await expectVerified(finalPath, job);
  });

  it('rejects a wrong sha256: no final file, the partial removed', async () => {
    api.knobs.wrongSha256 = true;
    const lying = await completedJob();
    const { client } = observedClient(api);
    const error = await client.download(lying, { partialPath, finalPath }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'checksum-mismatch', details: { expected: lying.artifact?.sha256, actual: job.artifact?.sha256 } });
    expect(await exists(finalPath)).toBe(false);
    expect(await exists(partialPath)).toBe(false);
    expect(await exists(`${partialPath}.resume.json`)).toBe(false);
  });

  it('rejects a size that differs from the declared one, before reading the body', async () => {
    const wrong: ExportJob = { ...job, artifact: { ...job.artifact!, size_bytes: job.artifact!.size_bytes! + 1 } };
    const { client } = observedClient(api);
    await expect(client.download(wrong, { partialPath, finalPath })).rejects.toMatchObject({ code: 'size-mismatch', details: { expected: wrong.artifact?.size_bytes, actual: job.artifact?.size_bytes } });
    expect(await exists(finalPath)).toBe(false);
    expect(await exists(partialPath)).toBe(false);
  });

  it('never overwrites an existing file, and a retry to another name needs no new transfer', async () => {
    await writeFile(finalPath, 'precious');
    const { client, requests } = observedClient(api);
    await expect(client.download(job, { partialPath, finalPath })).rejects.toMatchObject({ code: 'file-exists', details: { path: finalPath } });
    expect(await readFile(finalPath, 'utf8')).toBe('precious');
    requests.length = 0;
    const other = join(dir, 'other.csv');
    const result = await client.download(job, { partialPath, finalPath: other });
    expect(requests.map((r) => r.range)).toEqual([`bytes=${job.artifact?.size_bytes}-`]);
    expect(result).toMatchObject({ path: other, filename: job.artifact?.filename, bytes: job.artifact?.size_bytes });
    await expectVerified(other, job);
  });

  it.skipIf(otherVolume === null)('finishes across volumes (cache and destination on different file systems)', async () => {
    const destination = await mkdtemp(join(otherVolume!, 'kt-dest-'));
    try {
      const { client } = observedClient(api);
      const result = await client.download(job, { partialPath, finalPath: (name) => join(destination, name) });
      await expectVerified(result.path, job);
      expect(await readdir(destination)).toEqual([job.artifact?.filename]);
      await expect(client.download(job, { partialPath, finalPath: result.path })).rejects.toMatchObject({ code: 'file-exists' });
      expect(await readdir(destination)).toEqual([job.artifact?.filename]);
      expect(await exists(partialPath)).toBe(true);
    } finally {
      await rm(destination, { recursive: true, force: true });
    }
  });

  it('cancels on abort: no final file, the partial kept for a later resume', async () => {
    inject({ route: 'download', kind: 'slow-body', afterBytes: 50_000, delayMs: 5_000, times: 1 });
    const controller = new AbortController();
    const { client } = observedClient(api);
    let seen = 0;
    const pending = client.download(job, { partialPath, finalPath, signal: controller.signal, onProgress: ({ bytes }) => (seen = bytes) });
    await until(() => seen >= 50_000);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(await exists(finalPath)).toBe(false);
    expect((await stat(partialPath)).size).toBe(50_000);
    const result = await client.download(job, { partialPath, finalPath });
    expect(result.resumedCount).toBe(1);
    await expectVerified(finalPath, job);
  });

  it('throttles progress: with a long interval, only the start and the end are reported', async () => {
    const { client } = observedClient(api, { download: { progressIntervalMs: 60_000 } });
    const progress: unknown[] = [];
    await client.download(job, { partialPath, finalPath, onProgress: (p) => progress.push(p) });
    const total = job.artifact?.size_bytes;
    expect(progress).toEqual([
      { bytes: 0, total },
      { bytes: total, total },
    ]);
  });

  it('does nothing for an already aborted signal', async () => {
    const { client, requests } = observedClient(api);
    await expect(client.download(job, { partialPath, finalPath, signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'cancelled' });
    expect(requests).toHaveLength(0);
  });

  describe('presigned storage on another origin', () => {
    beforeEach(async () => {
      api.knobs.storage = 's3';
      job = await completedJob();
    });

    it('follows the redirect by hand without sending Authorization to storage', async () => {
      const { client, requests } = observedClient(api);
      const result = await client.download(job, { partialPath, finalPath });
      await expectVerified(finalPath, job);
      expect(api.storage.requests.length).toBeGreaterThan(0);
      expect(api.storage.requests.every((r) => !r.hadAuthorization)).toBe(true);
      expect(requests.map((r) => [new URL(r.url).origin, r.authorization])).toEqual([
        [api.origin, true],
        [api.storageOrigin, false],
      ]);
      expect(result.downloadOrigin).toBe(`${api.storageOrigin}/bucket/${encodeURIComponent(`${job.id}/${job.artifact?.filename}`)}`);
      expect(result.downloadOrigin).not.toContain('X-Amz');
    });

    it('resumes a cut presigned download on storage', async () => {
      inject({ route: 'storage', kind: 'cut', afterBytes: 30_000, times: 1 });
      const { client } = observedClient(api);
      const result = await client.download(job, { partialPath, finalPath });
      expect(result.resumedCount).toBe(1);
      expect(api.storage.requests.map((r) => r.range)).toEqual([null, 'bytes=30000-']);
      await expectVerified(finalPath, job);
    });

    it('asks the API again when the presigned URL has expired, and succeeds', async () => {
      api.knobs.presignTtlMs = -5_000;
      const renew: typeof fetch = async (input, init) => {
        const response = await fetch(input, init);
        if (new URL(String(input)).origin === api.storageOrigin && response.status === 403) api.knobs.presignTtlMs = 60_000;
        return response;
      };
      const { client, requests, logs } = observedClient(api, { fetch: renew });
      await client.download(job, { partialPath, finalPath });
      await expectVerified(finalPath, job);
      expect(requests.map((r) => new URL(r.url).origin)).toEqual([api.origin, api.storageOrigin, api.origin, api.storageOrigin]);
      expect(api.storage.requests.map((r) => r.status)).toEqual([403, 200]);
      expect(logs.some((line) => /link was refused \(HTTP 403\)/.test(line))).toBe(true);
    });

    it('fails with link-expired when every fresh URL has expired too', async () => {
      api.knobs.presignTtlMs = -5_000;
      const { client } = observedClient(api, { download: { maxLinkRefreshes: 2 } });
      await expect(client.download(job, { partialPath, finalPath })).rejects.toMatchObject({ code: 'link-expired', details: { status: 403, attempts: 3 } });
      expect(api.storage.requests).toHaveLength(3);
      expect(await exists(finalPath)).toBe(false);
    });
  });
});
