import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { SAMPLE_TOKEN } from '../electron/sample-api/server';
import { startMeasuring, type Figure } from './measure';

// Events per hour such that a 24h window holds about a million events (the daily rhythm averages out).
const EVENTS_PER_HOUR = '41667';

/** Starts the bundled sample API as its own process, as `npm run sample-api` would, and returns its URL. */
async function startSampleApiProcess(): Promise<{ child: ChildProcess; url: string }> {
  const args = ['dist/bench/sample-api.mjs', '--port', '0', '--seed', '1', '--now', '2026-03-20T10:30:00Z', '--events-per-hour', EVENTS_PER_HOUR, '--job-duration-ms', '0', '--quiet'];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Sample Keeptrusts API on (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`sample API exited with ${code}`)));
  });
  return { child, url };
}

/** Peak resident memory of a live process (Linux: VmHWM), in MB. */
async function peakRssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
  return kb / 1024;
}

/**
 * Has the sample API generate and serve a 1,000,000-event CSV export, and pulls it over loopback HTTP,
 * streaming to disk while hashing. The API runs in its own process so each side's memory is its own.
 */
export async function benchPull1m(): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'evidence-bench-'));
  const { child, url } = await startSampleApiProcess();
  const headers = { authorization: `Bearer ${SAMPLE_TOKEN}`, 'content-type': 'application/json' };
  try {
    const generate = startMeasuring();
    const body = JSON.stringify({ type: 'events', format: 'csv', time_window: '24h' });
    const created = (await (await fetch(`${url}/v1/exports/jobs`, { method: 'POST', headers, body })).json()) as { id: string };
    let job: { status: string; artifact: { size_bytes: number; sha256: string; record_count: number } };
    const deadline = Date.now() + 120_000;
    for (;;) {
      job = (await (await fetch(`${url}/v1/exports/jobs/${created.id}`, { headers })).json()) as typeof job;
      if (job.status === 'completed') break;
      if (job.status === 'failed' || job.status === 'expired') throw new Error(`export job ended ${job.status}`);
      if (Date.now() > deadline) throw new Error('export job did not finish within 2 minutes');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const generated = generate.stop();

    const pull = startMeasuring();
    const response = await fetch(`${url}/v1/exports/jobs/${created.id}/download`, { headers });
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
    const serverPeak = await peakRssOf(child.pid!);
    const digest = hash.digest('hex');
    const size = (await stat(file)).size;
    if (digest !== job.artifact.sha256 || size !== job.artifact.size_bytes) throw new Error('downloaded bytes differ from the job metadata');
    const mb = size / 1024 / 1024;
    return [
      { name: 'events in the export', value: job.artifact.record_count, unit: 'records', target: { min: 1_000_000 } },
      { name: 'export size', value: mb, unit: 'MiB' },
      { name: 'sample API generates the CSV (stream + sha256 + write)', value: generated.seconds, unit: 's' },
      { name: 'pull (download + sha256 + write)', value: pulled.seconds, unit: 's' },
      { name: 'pull throughput', value: mb / pulled.seconds, unit: 'MiB/s' },
      { name: 'sample API process: peak RSS (generate + serve)', value: serverPeak, unit: 'MB', target: { max: 150 } },
      { name: 'pulling process: peak RSS', value: pulled.peakRssMb, unit: 'MB' },
      { name: 'pulling process: worst event-loop stall', value: pulled.maxLoopDelayMs, unit: 'ms' },
    ];
  } finally {
    child.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}
