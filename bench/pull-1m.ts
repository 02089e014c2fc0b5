import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeeptrustsClient } from '../electron/core/api';
import { pullExports } from '../electron/core/pull/pull';
import { closeSession, openSession } from '../electron/core/session';
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
 * Has the sample API generate and serve a 1,000,000-event export, and pulls it with the real client and
 * pull service (download + sha256 + verify + ingest into a fresh cache), for CSV and JSON. The API runs in
 * its own process, so each side's memory is its own.
 */
export async function benchPull1m(): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'evidence-bench-'));
  const { child, url } = await startSampleApiProcess();
  const figures: Figure[] = [];
  try {
    const client = createKeeptrustsClient({ fetch, baseUrl: url, token: SAMPLE_TOKEN, poll: { intervalMs: 100, timeoutMs: 300_000 } });
    for (const format of ['csv', 'json'] as const) {
      const session = openSession({ cacheDir: join(dir, format), workspace: { id: 'bench', name: 'Bench', kind: 'keeptrusts', apiBaseUrl: url }, client, actor: { name: null, os_user: 'bench' } });
      let downloadSeconds = 0;
      let downloadStarted = 0;
      let bytes = 0;
      const measure = startMeasuring();
      const [outcome] = await pullExports(
        { workspaceId: 'bench', exports: [{ type: 'events', format }], window: { time_window: '24h' } },
        {
          db: session.db,
          cacheDir: session.cacheDir,
          client,
          apiBaseUrl: url,
          actor: session.actor,
          taskId: `bench-${format}`,
          onProgress: (p) => {
            if (p.kind === 'download' && p.detail.includes(' of ')) {
              if (downloadStarted === 0) downloadStarted = performance.now();
              downloadSeconds = (performance.now() - downloadStarted) / 1000;
            }
          },
          onJobStatus: () => undefined,
        },
      );
      const took = await measure.finish();
      closeSession(session);
      if (outcome?.status !== 'pulled') throw new Error(`the ${format} pull did not succeed: ${JSON.stringify(outcome)}`);
      bytes = (await stat(join(dir, format, 'artifacts', outcome.sha256, outcome.filename))).size;
      const mb = bytes / 1024 / 1024;
      const F = format.toUpperCase();
      figures.push(
        { name: `${F}: events pulled and ingested`, value: outcome.records, unit: 'records', target: { min: 1_000_000 } },
        { name: `${F}: export size`, value: mb, unit: 'MiB' },
        { name: `${F}: whole pull (job + download + verify + ingest)`, value: took.seconds, unit: 's' },
        { name: `${F}: download + sha256 throughput`, value: downloadSeconds > 0 ? mb / downloadSeconds : 0, unit: 'MiB/s' },
        { name: `${F}: pulling process peak RSS`, value: took.peakRssMb, unit: 'MB', target: { max: 250 } },
        { name: `${F}: pulling process worst event-loop stall`, value: took.maxLoopDelayMs, unit: 'ms', target: { max: 100 } },
      );
    }
    figures.push({ name: 'sample API process: peak RSS (generate + serve, both exports)', value: await peakRssOf(child.pid!), unit: 'MB', target: { max: 150 } });
    return figures;
  } finally {
    child.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}
