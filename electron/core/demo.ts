import { startSampleApi, type SampleApi } from '../sample-api/server';

/** The demo workspace's data source: the sample API, started in-process on a free loopback port. */
export interface Demo {
  apiBaseUrl: string;
  token: string;
  close(): Promise<void>;
}

/** Starts the demo data source. The app and the CLI call this so they run end to end without credentials. */
export async function startDemo(seed = 1): Promise<Demo> {
  const api: SampleApi = await startSampleApi({ host: '127.0.0.1', port: 0, seed, control: false });
  return { apiBaseUrl: api.url, token: api.token, close: () => api.close() };
}
