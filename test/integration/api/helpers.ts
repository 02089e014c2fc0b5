import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSleep } from '../../../electron/core/api/backoff';
import { createKeeptrustsClient, type KeeptrustsClient, type KeeptrustsClientOptions } from '../../../electron/core/api';
import type { SampleApi } from '../../../electron/sample-api/server';

/** Options that keep tests fast: short timeouts, tiny backoffs, quick polls. */
export const FAST: Omit<KeeptrustsClientOptions, 'fetch' | 'baseUrl' | 'token'> = {
  timeouts: { requestMs: 1_500, headersMs: 1_500, idleMs: 1_500 },
  retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 30_000 },
  poll: { intervalMs: 10, timeoutMs: 10_000 },
  download: { progressIntervalMs: 0 },
};

/** A client plus what it did: every request it sent (method, URL without query, auth and range headers), every pause it asked for, every log line. */
export interface Observed {
  client: KeeptrustsClient;
  requests: { method: string; url: string; authorization: boolean; range: string | null }[];
  delays: number[];
  logs: string[];
}

/**
 * A client on real global fetch (or `overrides.fetch`), wrapped only to observe it; pauses are recorded
 * at the length asked for but capped at 50 ms so Retry-After tests stay quick.
 */
export function observedClient(target: { url: string; token: string } | SampleApi, overrides: Partial<KeeptrustsClientOptions> = {}): Observed {
  const requests: Observed['requests'] = [];
  const delays: number[] = [];
  const logs: string[] = [];
  const inner = overrides.fetch ?? fetch;
  const spy: typeof fetch = (input, init) => {
    const url = new URL(String(input));
    url.search = '';
    const headers = new Headers(init?.headers);
    requests.push({ method: init?.method ?? 'GET', url: url.toString(), authorization: headers.has('authorization'), range: headers.get('range') });
    return inner(input, init);
  };
  const client = createKeeptrustsClient({
    baseUrl: target.url,
    token: target.token,
    ...FAST,
    sleep: (ms, signal) => {
      delays.push(ms);
      return defaultSleep(Math.min(ms, 50), signal);
    },
    log: (line) => logs.push(line),
    ...overrides,
    fetch: spy,
  });
  return { client, requests, delays, logs };
}

/** A fresh temporary directory, removed by the returned function. */
export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'kt-client-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The sha256 of a file on disk. */
export async function sha256File(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/** A real HTTP server on 127.0.0.1 that behaves as a test needs (a misbehaving proxy, an echoing API). */
export async function startOddServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Waits until `predicate` holds (polling), for tests that act at a point in a download. */
export async function until(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
