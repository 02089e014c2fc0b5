import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createKeeptrustsClient, type ApiErrorCode, type ExportJob } from '../../../electron/core/api';
import { parseJob } from '../../../electron/core/api/parse';
import type { SampleApi } from '../../../electron/sample-api/server';
import { startTestApi } from '../../support/sample-api';
import { observedClient, startOddServer, tempDir } from './helpers';

const SECRET = 'kt_live_S3CR3T_never_show_me';
const WRONG = 'kt_live_WR0NG_never_show_me_either';
const NO_SCOPE = 'kt_sample_noscope';

/** Every code the client can throw; the test below must reach each one. */
const ALL_CODES: ApiErrorCode[] = [
  'bad-token', 'no-scope', 'not-found', 'request-rejected', 'job-not-ready', 'job-failed', 'job-expired', 'job-timeout',
  'checksum-mismatch', 'size-mismatch', 'server-unreachable', 'timeout', 'rate-limited', 'server-error', 'bad-response',
  'unsafe-redirect', 'insecure-url', 'link-expired', 'file-exists', 'write-failed', 'cancelled', 'invalid-request',
];

describe('the token never leaves in an error or a log line', () => {
  let api: SampleApi;
  let dir: string;
  let removeDir: () => Promise<void>;
  const caught: { label: string; error: unknown; secret: string }[] = [];
  const logs: string[] = [];
  beforeAll(async () => {
    api = await startTestApi({ token: SECRET, data: { eventsPerHour: 100 } });
    ({ dir, remove: removeDir } = await tempDir());
  });
  afterAll(async () => {
    await api.close();
    await removeDir();
  });

  const clientWith = (token = SECRET, overrides: Parameters<typeof observedClient>[1] = {}, url = api.url) => {
    const observed = observedClient({ url, token }, { ...overrides, log: (line) => logs.push(line) });
    return observed.client;
  };
  async function expectError(label: string, action: () => Promise<unknown> | unknown, secret = SECRET): Promise<void> {
    try {
      await action();
    } catch (error) {
      caught.push({ label, error, secret });
      return;
    }
    throw new Error(`${label}: no error`);
  }
  let n = 0;
  const paths = () => ({ partialPath: join(dir, `p${++n}.part`), finalPath: join(dir, `f${n}.csv`) });
  async function completed(): Promise<ExportJob> {
    const client = clientWith();
    const { job } = await client.createJob({ type: 'events', format: 'csv', time_window: '1h' });
    return (await client.waitForJob(job.id)).job;
  }

  it('triggers every error path', async () => {
    const client = clientWith();
    const fastFail = { retry: { maxAttempts: 2, baseDelayMs: 1 } };
    await expectError('wrong token', () => clientWith(WRONG).listJobs(), WRONG);
    await expectError('no scope', () => clientWith(NO_SCOPE).listJobs(), NO_SCOPE);
    await expectError('unknown job', () => client.getJob('job_nope'));
    await expectError('refused', () => client.createJob({ type: 'events', format: 'csv', time_window: '1h', filters: { verdict: 'x' as 'block' } }));
    await expectError('bad limit', () => client.listJobs({ limit: 0 }));
    await expectError('token with a space', () => createKeeptrustsClient({ fetch, baseUrl: api.url, token: `${SECRET} x` }));
    await expectError('http to a remote host', () => createKeeptrustsClient({ fetch, baseUrl: 'http://keeptrusts.example', token: SECRET }));
    await expectError('cancelled', () => client.listJobs({}, { signal: AbortSignal.abort() }));

    const job = await completed();
    const stored = api.jobs.get(job.id)!;
    stored.status = 'running';
    await expectError('not ready', () => client.download(job, paths()));
    stored.status = 'paused';
    await expectError('job timeout', () => client.waitForJob(job.id, { timeoutMs: 30 }));
    stored.status = 'completed';
    await expectError('size mismatch', () => client.download({ ...job, artifact: { ...job.artifact!, size_bytes: 1 } }, paths()));
    const taken = paths();
    await writeFile(taken.finalPath, 'x');
    await expectError('file exists', () => client.download(job, taken));
    await expectError('write failed', () => client.download(job, { partialPath: join(dir, 'missing', 'p.part'), finalPath: join(dir, 'w.csv') }));

    api.knobs.jobOutcome = 'fail';
    await expectError('job failed', () => completed());
    api.knobs.jobOutcome = 'expire';
    await expectError('job expired', () => completed());
    api.knobs.jobOutcome = 'complete';
    api.knobs.wrongSha256 = true;
    const lying = await completed();
    api.knobs.wrongSha256 = false;
    await expectError('checksum mismatch', () => client.download(lying, paths()));

    api.knobs.storage = 's3';
    api.knobs.presignTtlMs = -5_000;
    const s3 = await completed();
    await expectError('link expired', () => client.download(s3, paths()));
    api.knobs.storage = 'local';

    api.knobs.faults.push({ route: 'list-jobs', kind: 'status', status: 429, retryAfter: 'none', times: 2 });
    await expectError('rate limited', () => clientWith(SECRET, fastFail).listJobs());
    api.knobs.faults.push({ route: 'list-jobs', kind: 'status', status: 500, times: 2 });
    await expectError('server error', () => clientWith(SECRET, fastFail).listJobs());
    api.knobs.faults.push({ route: 'preview', kind: 'slow-headers', delayMs: 2_000, times: 2 });
    await expectError('timeout', () => clientWith(SECRET, { ...fastFail, timeouts: { requestMs: 50 } }).preview({ type: 'events', time_window: '1h' }));
    api.knobs.faults.push({ route: 'create-job', kind: 'cut', times: 2 });
    await expectError('ambiguous create', () => clientWith(SECRET, fastFail).createJob({ type: 'events', format: 'csv', time_window: '1h' }));
    const closed = await startOddServer(() => undefined);
    await closed.close();
    await expectError('unreachable', () => clientWith(SECRET, fastFail, closed.url).listJobs());

    // A server that echoes the Authorization header back, in every way it can.
    const echo = await startOddServer((req, res) => {
      const auth = req.headers.authorization ?? '';
      const path = req.url ?? '';
      if (path.includes('/download')) return void res.writeHead(302, { location: `http://198.51.100.7/${encodeURIComponent(auth)}` }).end();
      if (path.includes('/events')) return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<p>${auth}</p>`);
      if (path.includes('/preview')) return void res.writeHead(400, { 'content-type': 'text/plain' }).end(`Token ${auth} is malformed`);
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: auth, message: `Invalid token ${auth}` } }));
    });
    try {
      const echoing = clientWith(SECRET, fastFail, echo.url);
      await expectError('echoed 401', () => echoing.listJobs());
      await expectError('echoed 400', () => echoing.preview({ type: 'events', time_window: '1h' }));
      await expectError('echoed html', () => echoing.eventsTail());
      await expectError('echoed redirect', () => echoing.download(parseJob({ id: 'j', status: 'completed', artifact: { size_bytes: 1, sha256: 'a'.repeat(64) } })!, paths()));
    } finally {
      await echo.close();
    }

    const codes = new Set(caught.map(({ error }) => (error as ApiError).code));
    expect([...codes].sort()).toEqual([...ALL_CODES].sort());
    expect(caught.find((c) => c.label === 'echoed 400')?.error).toMatchObject({ code: 'request-rejected', details: { serverMessage: 'Token Bearer [redacted] is malformed' } });
  });

  it('no error message, hint, stack, JSON or log line contains the token', () => {
    expect(caught.length).toBeGreaterThan(20);
    for (const { label, error, secret } of caught) {
      expect(error, label).toBeInstanceOf(ApiError);
      const e = error as ApiError;
      for (const text of [e.message, e.hint, e.stack ?? '', JSON.stringify(e), JSON.stringify(e.toBridgeError()), String(e)]) {
        expect(text, label).not.toContain(secret);
        expect(text, label).not.toContain(SECRET);
      }
    }
    expect(logs.length).toBeGreaterThan(0);
    for (const line of logs) for (const secret of [SECRET, WRONG, NO_SCOPE]) expect(line).not.toContain(secret);
  });
});
