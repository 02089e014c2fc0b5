import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeArtifact } from '../electron/sample-api/artifact';
import { defaultDataConfig, HOUR_MS } from '../electron/sample-api/data-config';
import { recordsInWindow, withoutTimes } from '../electron/sample-api/generate';
import { custodyJson, entryHash } from '../electron/core/custody';
import { generateSigningKey } from '../electron/core/keys';
import { evidenceManifest, writePacket } from '../electron/core/packet';
import { renderNote, renderReport } from '../electron/core/packet/render';
import { verifyPacket } from '../electron/core/packet/verify';
import { validateExports, type ExportFileInput } from '../electron/core/validate';
import type { CustodyEntry } from '../shared/schemas/custody';
import type { NoteFields } from '../shared/schemas/note';
import type { ReviewScope } from '../shared/schemas/scope';
import { startMeasuring, type Figure } from './measure';
import { highWaterMb, measureInChild } from './support';

const NOW = Date.parse('2026-03-20T10:30:00Z');
const CHILD_FLAG = '--bench-packet-child';

interface Run {
  seconds: number;
  peakRssMb: number;
  maxLoopDelayMs: number;
  detail: string;
}

function timed(command: string, args: string[], cwd: string): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  return (performance.now() - started) / 1000;
}

/** In the child: writes the packet for one validated export (validation is not part of the measure), or verifies one. */
async function packOnce(file: string, outDir: string): Promise<Run> {
  const name = basename(file);
  const input: ExportFileInput = { path: file, name, type: 'events', format: 'csv', job: null };
  const scope: ReviewScope = { window: { relative: '24h', from: new Date(NOW - 24 * HOUR_MS).toISOString(), to: new Date(NOW).toISOString() }, types: ['events'], request_ids: [], escalation_ids: [], references: ['BENCH-1'], why: 'Benchmark.' };
  const report = await validateExports([input], scope, { now: NOW });
  const key = generateSigningKey();
  const note: NoteFields = { why: 'Benchmark.', supports: ['BENCH-1'], request_ids: [], escalation_ids: [], limitations: [], deeper_context: null, free_text: '', reviewer: { name: 'Bench' } };
  const actor = { name: 'Bench', os_user: 'bench' };
  const base = { seq: 1, at: new Date(NOW).toISOString(), action: 'imported' as const, actor, subject: { original_filename: name, export_type: 'events', format: 'csv', bytes: report.files[0]!.bytes }, artifact_sha256: report.files[0]!.sha256, prev_hash: '0'.repeat(64) };
  const first = { ...base, hash: entryHash(base) } as CustodyEntry;
  const packedBase = { seq: 2, at: new Date(NOW).toISOString(), action: 'packed' as const, actor, subject: { packet_id: 'pkt-bench' }, artifact_sha256: null, prev_hash: first.hash };
  const chain = [first, { ...packedBase, hash: entryHash(packedBase) } as CustodyEntry];
  const provenance = { kind: 'imported' as const, original_filename: name, original_modified_at: new Date(NOW).toISOString(), imported_by: 'Bench (bench)', imported_at: new Date(NOW).toISOString() };
  const evidence = evidenceManifest({ packetId: 'pkt-bench', createdAt: NOW, generator: { name: 'Evidence Packager', version: 'bench' }, note, scope, files: [input], provenance: [provenance], report, fingerprint: key.fingerprint });

  const measure = startMeasuring();
  const noteText = renderNote(note, { packetId: 'pkt-bench', createdAt: evidence.created_at, scope: evidence.scope, exports: evidence.exports, fingerprint: key.fingerprint });
  const reportHtml = renderReport({ evidence, validation: report, custody: chain, note });
  const written = await writePacket(
    { packetId: 'pkt-bench', createdAt: NOW, sourceOrganization: 'Bench', evidence, payload: { note: noteText, reportHtml, validation: report, custodyJson: custodyJson(chain), exports: [{ path: file, originalFilename: name }] }, key },
    { directory: outDir },
  );
  const took = await measure.finish();
  return { seconds: took.seconds, peakRssMb: Math.max(took.peakRssMb, (await highWaterMb()) ?? 0), maxLoopDelayMs: took.maxLoopDelayMs, detail: `${written.path}\n${key.fingerprint}` };
}

async function verifyOnce(zip: string, fingerprint: string): Promise<Run> {
  const measure = startMeasuring();
  const result = await verifyPacket(zip, { trustedFingerprints: [fingerprint] });
  const took = await measure.finish();
  if (result.status !== 'valid-trusted') throw new Error(`the benchmark packet did not verify: ${JSON.stringify(result.findings.slice(0, 3))}`);
  return { seconds: took.seconds, peakRssMb: Math.max(took.peakRssMb, (await highWaterMb()) ?? 0), maxLoopDelayMs: took.maxLoopDelayMs, detail: result.status };
}

/**
 * Writes and verifies a packet holding a 1,000,000-event CSV export, each in a fresh process, against
 * the standard tools on the same file in the same run: `sha256sum` + `zip -6` for writing, `sha256sum`
 * + `unzip -t` for verifying.
 */
export async function benchPacket1m(): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'evidence-packet-bench-'));
  try {
    const config = defaultDataConfig(1, NOW, { eventsPerHour: 41_667 });
    const artifact = await writeArtifact(dir, 'src', 'events', 'csv', withoutTimes(recordsInWindow(config, 'events', NOW - 24 * HOUR_MS, NOW)), NOW);
    const file = join(dir, artifact.filename);
    spawnSync('mv', [artifact.path, file]);
    const out = join(dir, 'out');
    await mkdir(out);
    const entry = fileURLToPath(new URL('./packet-1m.mjs', import.meta.url));
    const pack = await measureInChild<Run>(entry, [CHILD_FLAG, 'pack', file, out], 'packet writing');
    const [zip, fingerprint] = pack.detail.split('\n') as [string, string];
    const verify = await measureInChild<Run>(entry, [CHILD_FLAG, 'verify', zip, fingerprint], 'packet verification');
    const sha = timed('sha256sum', [file], dir);
    const zipped = timed('zip', ['-6', '-q', join(dir, 'baseline.zip'), basename(file)], dir);
    const tested = timed('unzip', ['-tq', zip], dir);
    return [
      { name: 'sha256sum of the export (130.7 MiB)', value: sha, unit: 's' },
      { name: 'zip -6 of the export', value: zipped, unit: 's' },
      { name: 'unzip -t of the packet', value: tested, unit: 's' },
      { name: 'write the packet (render, hash, deflate, sign, fsync, publish)', value: pack.seconds, unit: 's' },
      { name: 'write ÷ (sha256sum + zip -6)', value: Number((pack.seconds / (sha + zipped)).toFixed(2)), unit: '×', target: { max: 1.5 } },
      { name: 'writing process peak RSS', value: Math.round(pack.peakRssMb), unit: 'MB', target: { max: 250 } },
      { name: 'writing worst event-loop stall', value: Math.round(pack.maxLoopDelayMs), unit: 'ms' },
      { name: 'verify the packet (zip safety, signature, manifests, evidence.json, custody)', value: verify.seconds, unit: 's' },
      { name: 'verify ÷ (sha256sum + unzip -t)', value: Number((verify.seconds / (sha + tested)).toFixed(2)), unit: '×', target: { max: 1.5 } },
      { name: 'verifying process peak RSS', value: Math.round(verify.peakRssMb), unit: 'MB', target: { max: 250 } },
      { name: 'verifying worst event-loop stall', value: Math.round(verify.maxLoopDelayMs), unit: 'ms' },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === CHILD_FLAG) {
  const [what, a, b] = process.argv.slice(3) as ['pack' | 'verify', string, string];
  const run = what === 'pack' ? await packOnce(a, b) : await verifyOnce(a, b);
  process.stdout.write(`${JSON.stringify(run)}\n`);
}
