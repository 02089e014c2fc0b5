import type { Actor } from './actor';
import { createKeeptrustsClient, type PollPolicy } from './api';
import { startSampleApi, type SampleApi } from '../sample-api/server';
import { openSession, type Session } from './session';
import type { Workspace } from './workspace';

/** The demo workspace's data source: the sample API, started in-process on a free loopback port. */
export interface Demo {
  apiBaseUrl: string;
  token: string;
  /** The sample API itself, so tests can change its knobs and data (429 storms, outages) while the app runs. */
  api: SampleApi;
  close(): Promise<void>;
}

/** The demo workspace's id: fixed, so what was pulled in the demo is found again after a restart. */
export const DEMO_WORKSPACE_ID = 'demo';

/** The demo workspace, on the demo API's current address (a new port each run). */
export function demoWorkspace(apiBaseUrl: string): Workspace {
  return { id: DEMO_WORKSPACE_ID, name: 'Demo workspace (sample data)', kind: 'demo', apiBaseUrl };
}

/** Starts the demo data source. The app and the CLI call this so they run end to end without credentials. */
export async function startDemo(seed = 1): Promise<Demo> {
  const api: SampleApi = await startSampleApi({ host: '127.0.0.1', port: 0, seed, control: false });
  return { apiBaseUrl: api.url, token: api.token, api, close: () => api.close() };
}

/**
 * Opens a session on the demo workspace: the cache in `cacheDir`, the client talking to the demo API.
 * `poll` overrides how often jobs are polled (the sample API finishes a job in a fraction of a second).
 */
export function openDemoSession(demo: Demo, options: { cacheDir: string; actor: Actor; fetch: typeof fetch; nativeBinding?: string; poll?: Partial<PollPolicy> }): Session {
  return openSession({
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    cacheDir: options.cacheDir,
    workspace: demoWorkspace(demo.apiBaseUrl),
    client: createKeeptrustsClient({ fetch: options.fetch, baseUrl: demo.apiBaseUrl, token: demo.token, ...(options.poll ? { poll: options.poll } : {}) }),
    actor: options.actor,
  });
}
