import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/cache/database';
import { defaultDataConfig, HOUR_MS } from '../../../electron/sample-api/data-config';
import { serializeExport } from '../../../electron/sample-api/format';
import { recordsInWindow, withoutTimes } from '../../../electron/sample-api/generate';
import { tempCache } from '../../support/cache';

const NOW = Date.parse('2026-03-20T10:30:00Z');
const child = fileURLToPath(new URL('./ingest-child.ts', import.meta.url));

let cache: Awaited<ReturnType<typeof tempCache>>;
beforeEach(async () => {
  cache = await tempCache();
});
afterEach(() => cache.close());

describe('ingest killed by SIGKILL', () => {
  // auto: this 16 MB file is written on the writer thread.
  for (const writer of ['auto', 'caller'] as const) {
    it(`leaves an intact database with no partial rows (writer: ${writer})`, async () => {
      const config = defaultDataConfig(5, NOW, { eventsPerHour: 20_000 });
      const text = [...serializeExport('events', 'csv', withoutTimes(recordsInWindow(config, 'events', NOW - 6 * HOUR_MS, NOW)))].join('');
      const file = await cache.writeExport('big.csv', text);
      const artifactId = cache.addArtifact('events', 'csv', file);
      cache.db.close();

      const proc = spawn(process.execPath, ['--import', 'tsx', child, cache.file, String(artifactId), file, writer], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      const progressed = await new Promise<number>((resolve, reject) => {
        proc.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const reports = out.match(/progress (\d+)/g) ?? [];
          if (reports.length >= 5) {
            proc.kill('SIGKILL');
            resolve(Number(reports.at(-1)!.split(' ')[1]));
          }
          if (out.includes('done')) reject(new Error('the ingest finished before it could be killed'));
        });
        proc.once('exit', (code, signal) => {
          if (signal !== 'SIGKILL') reject(new Error(`child exited with ${code}`));
        });
      });
      await new Promise((resolve) => proc.once('exit', resolve));
      expect(progressed).toBeGreaterThan(0);
      // The child says where the inserts ran: its own connection is in the transaction only if they run there.
      expect(out).toContain(writer === 'auto' ? 'on the writer thread' : 'on the calling thread');

      const db = openDatabase(cache.file);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.prepare('SELECT count(*) AS n FROM records').get()).toEqual({ n: 0 });
        expect(db.prepare('SELECT ingested_at FROM artifacts WHERE id = ?').get(artifactId)).toEqual({ ingested_at: null });
      } finally {
        db.close();
      }
      cache.db = openDatabase(cache.file);
    });
  }
});
