import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { startSampleApi } from '../electron/sample-api/server';
import { startMeasuring, type Figure } from './measure';

// Events per hour such that a 24h window holds about a million events (the daily rhythm averages out).
const EVENTS_PER_HOUR = 41_667;

/**
 * Serves a 1,000,000-event CSV export from the sample API and pulls it over loopback HTTP, streaming to
 * disk while hashing, all in this one process: the peak RSS covers generating, serving and receiving.
 */
export async function benchPull1m(): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'evidence-bench-'));
  const api = await startSampleApi({ port: 0, seed: 1, now: '2026-03-20T10:30:00Z', data: { eventsPerHour: EVENTS_PER_HOUR }, knobs: { jobDurationMs: 0 } });
  const headers = { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' };
  try {
    const baselineRssMb = process.memoryUsage().rss / 1024 / 1024;
    const all = startMeasuring();
    const generate = startMeasuring();
    const created = (await (await fetch(`${api.url}/v1/exports/jobs`, { method: 'POST', headers, body: JSON.stringify({ type: 'events', format: 'csv', time_window: '24h' }) })).json()) as { id: string };
    let job: { status: string; artifact: { size_bytes: number; sha256: string; record_count: number } };
    for (;;) {
      job = (await (await fetch(`${api.url}/v1/exports/jobs/${created.id}`, { headers })).json()) as typeof job;
      if (job.status === 'completed') break;
      if (job.status === 'failed') throw new Error('export job failed');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const generated = generate.stop();

    const pull = startMeasuring();
    const response = await fetch(`${api.url}/v1/exports/jobs/${created.id}/download`, { headers });
    if (!response.ok || !response.body) throw new Error(`download answered ${response.status}`);
    const hash = createHash('sha256');
    const file = join(dir, 'export.csv');
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          callback(null, chunk);
        },
      }),
      createWriteStream(file),
    );
    const pulled = pull.stop();
    const total = all.stop();
    const digest = hash.digest('hex');
    const size = (await stat(file)).size;
    if (digest !== job.artifact.sha256 || size !== job.artifact.size_bytes) throw new Error('downloaded bytes differ from the job metadata');
    const mb = size / 1024 / 1024;
    return [
      { name: 'events in the export', value: job.artifact.record_count, unit: 'records', target: { min: 1_000_000 } },
      { name: 'export size', value: mb, unit: 'MiB' },
      { name: 'sample API generates the CSV', value: generated.seconds, unit: 's' },
      { name: 'pull (download + sha256 + write)', value: pulled.seconds, unit: 's' },
      { name: 'pull throughput', value: mb / pulled.seconds, unit: 'MiB/s' },
      { name: 'RSS before the export', value: baselineRssMb, unit: 'MB' },
      { name: 'peak RSS while the sample API generates', value: generated.peakRssMb, unit: 'MB' },
      { name: 'peak RSS while pulling', value: pulled.peakRssMb, unit: 'MB' },
      { name: 'peak RSS (generate + serve + pull, one process)', value: total.peakRssMb, unit: 'MB', target: { max: 150 } },
      { name: 'worst event-loop stall during the pull', value: pulled.maxLoopDelayMs, unit: 'ms' },
    ];
  } finally {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  }
}
