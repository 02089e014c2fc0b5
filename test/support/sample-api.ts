import { startSampleApi, type SampleApi, type SampleApiOptions } from '../../electron/sample-api/server';

/** Starts a sample API on a free port with a fixed clock; close it in afterEach/afterAll. */
export function startTestApi(options: SampleApiOptions = {}): Promise<SampleApi> {
  return startSampleApi({ port: 0, now: '2026-03-20T10:30:00Z', seed: 1, knobs: { jobDurationMs: 20 }, ...options });
}

/** fetch against the API with its bearer token. */
export function call(api: SampleApi, path: string, init: RequestInit & { token?: string | null } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = init.token === undefined ? api.token : init.token;
  if (token !== null) headers.set('authorization', `Bearer ${token}`);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  return fetch(`${api.url}${path}`, { ...init, headers, redirect: 'manual' });
}

/** A job as the API answers it. `artifact` is null until completion; tests read it after. */
export interface JobJson {
  id: string;
  type: string;
  format: string;
  status: string;
  window: { from: string; to: string };
  artifact: { filename: string; content_type: string; size_bytes: number; sha256: string; record_count: number; storage: string };
  error: { code: string; message: string } | null;
}

/** A preview as the API answers it. */
export interface PreviewJson {
  type: string;
  window: { from: string; to: string };
  record_count: number;
  earliest: string | null;
  latest: string | null;
  environments: string[];
  config_versions: string[];
  counts_by_verdict: Record<string, number>;
}

/** Creates a job and polls it until it is no longer queued or running. */
export async function createAndWait(api: SampleApi, body: Record<string, unknown>): Promise<JobJson> {
  const created = await call(api, '/v1/exports/jobs', { method: 'POST', body: JSON.stringify(body) });
  if (created.status !== 202) throw new Error(`create answered ${created.status}: ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  for (let i = 0; i < 600; i++) {
    const job = (await (await call(api, `/v1/exports/jobs/${id}`)).json()) as JobJson;
    if (!['queued', 'running', 'processing'].includes(job.status)) return job;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`job ${id} did not finish`);
}
